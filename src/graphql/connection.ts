import type { ClassType } from "type-graphql";
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "Relay-style pagination information." })
export class PageInfo {
  @Field(() => Boolean, { description: "Whether a page follows this one." })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: "Whether a page precedes this one (always false: lists page forwards)." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first edge of this page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge; pass it as `after` for the next page." })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** A getter: counted only when the field is selected (pagination.ts lazyTotalCount). */
  readonly totalCount: number | Promise<number>;
}

/** Builds the Relay connection and edge types of one node type. */
export function Connection<T extends object>(Node: ClassType<T>, nodeName: string) {
  @ObjectType(`${nodeName}Edge`, { description: `One ${nodeName} in a page, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: "Opaque cursor of this edge." })
    cursor!: string;

    @Field(() => Node, { description: `The ${nodeName}.` })
    node!: T;
  }

  @ObjectType()
  abstract class ConnectionType {
    @Field(() => [EdgeType], { description: "The items of this page, in order." })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: "Where this page stands in the whole list." })
    pageInfo!: PageInfo;

    @Field(() => Int, {
      description:
        "How many items the whole list holds for this viewer and filter, counted only when selected. " +
        "Lists that grow without bound (procedures, audit events) count up to 100 and one more: 101 means more than 100 (the largest page).",
    })
    totalCount!: number;
  }

  return ConnectionType;
}
