export * from "./directory.js";
export * from "./events.js";
export * from "./person.js";
