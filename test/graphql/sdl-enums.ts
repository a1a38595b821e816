import { Kind, parse, type EnumTypeDefinitionNode } from "graphql";

/** An enum of an SDL text: its values (sorted), its description, and the values without one. */
export function sdlEnum(sdl: string, name: string): { values: string[]; description: string; undescribed: string[] } {
  const node = parse(sdl).definitions.find(
    (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === name,
  );
  if (!node) throw new Error(`the SDL has no enum ${name}`);
  const values = node.values ?? [];
  return {
    values: values.map((v) => v.name.value).sort(),
    description: node.description?.value ?? "",
    undescribed: values.filter((v) => !v.description?.value.trim()).map((v) => v.name.value),
  };
}
