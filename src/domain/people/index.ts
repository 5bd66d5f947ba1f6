export * from "./directory.js";
export * from "./events.js";
export * from "./person.js";
export * from "./roles.js";
export * from "./tokens.js";
