import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../context.js";
import { localizeMessage } from "./i18n.js";
import { DEFAULT_LANGUAGE } from "./languages.js";

/**
 * Error messages in the language the request asked for (Accept-Language, context.ts). Only the
 * message changes: `extensions.code` and `extensions.reason` stay as they are in every language.
 */
export function localizeErrorsPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const language = contextValue.language ?? DEFAULT_LANGUAGE;
          if (language === DEFAULT_LANGUAGE || response.body.kind !== "single") return;
          const result = response.body.singleResult;
          if (!result.errors?.length) return;
          result.errors = result.errors.map((error) => ({ ...error, message: localizeMessage(error.message, language) }));
        },
      };
    },
  };
}
