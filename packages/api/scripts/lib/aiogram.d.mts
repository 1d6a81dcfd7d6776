/** Flattens aiogram's schema into its entries, each tagged with its section title. */
export declare function aiogramEntries(schema: unknown): {
  name: string;
  anchor: string;
  description: string;
  annotations: { name: string; type: string; required: boolean; description: string }[];
  section: string;
}[];
/** A lowercase first letter marks a method, anything else a type. */
export declare function isMethodName(name: string): boolean;
/** Parses an aiogram type string ("Integer or String") into api.json's list of alternatives. */
export declare function parseTypeString(text: string, where: string): string[];
/** Reads a method's return types from its description ("On success, True is returned"). */
export declare function parseReturns(
  description: string,
  typeNames: Set<string>,
  where: string,
): string[];
/** Reads the members of a union type from its description's "- Member" lines. */
export declare function parseUnionMembers(description: string): string[];
