import "reflect-metadata";
import { validate, isEmail } from "class-validator";
import { DataSubjectInput } from "../src/modules/procedures/procedure.input.ts";
try { console.log("isEmail", isEmail("\ud800")); } catch (e) { console.log("isEmail threw", String(e)); }
const input = Object.assign(new DataSubjectInput(), { fullName: "x", email: "\ud800" });
try { const errs = await validate(input); console.log("validate ok", errs.map((e) => e.constraints)); } catch (e) { console.log("validate threw", String(e)); }
