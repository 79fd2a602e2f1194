// EPM's view of multipart/form-data (policy create and revision upload) over the core parser:
// a body that is not multipart is a 415, one that does not parse a 400 ProblemDetails, and part
// names match case-insensitively, as ASP.NET's form binding does.
import { multipartBoundary, parseMultipart, Part } from "../core/multipart";
import { invalid, problem } from "./errors";

export function formParts(raw: Buffer, contentType: string | undefined): Part[] {
    const boundary = multipartBoundary(contentType);
    if (boundary === undefined) throw problem(415, "Send the policy as multipart/form-data.");
    try {
        return parseMultipart(raw, boundary);
    } catch (err) {
        throw invalid(`The multipart body is malformed: ${(err as Error).message}.`);
    }
}

export function partNamed(parts: Part[], name: string): Part | undefined {
    return parts.find((p) => p.name.toLowerCase() === name.toLowerCase());
}
