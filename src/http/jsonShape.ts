// The shape limits of a parsed JSON body: how deeply it nests and how many members one array has. Checked without
// recursion, so a body nested far beyond the limit costs no stack.

export interface JsonShapeLimits {
  maxDepth: number;
  maxArrayMembers: number;
}

export type JsonShapeViolation = { what: 'depth'; limit: number } | { what: 'array_members'; limit: number };

/** The first limit the value breaks, or null. A scalar has depth 0, `{}` and `[]` depth 1. */
export function jsonShapeViolation(value: unknown, limits: JsonShapeLimits): JsonShapeViolation | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > limits.maxDepth) return { what: 'depth', limit: limits.maxDepth };
    if (Array.isArray(v)) {
      if (v.length > limits.maxArrayMembers) return { what: 'array_members', limit: limits.maxArrayMembers };
      for (const member of v) stack.push({ value: member, depth: depth + 1 });
    } else {
      for (const member of Object.values(v)) stack.push({ value: member, depth: depth + 1 });
    }
  }
  return null;
}
