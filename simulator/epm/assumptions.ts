// Every choice the simulator makes where no public source shows the EPM Management API's real
// behaviour (tag Unverified), plus the Client-only shapes it builds on. One list, so a check
// against a tenant's /management-api/swagger corrects one place; docs/epm-assumptions.md is
// this list in prose and a test keeps the two in step. References: the fact sheet
// (epm-api.md) and its update (epm-api-update.md, which wins where they differ).

export type Confidence = "Unverified" | "Client-only";

export interface Assumption {
    id: string;
    endpoint: string;
    references: string;
    chosen: string;
    confidence: Confidence;
    /** What to look for in the tenant's swagger (definition v3) to confirm or correct it. */
    confirm: string;
}

export const EPM_ASSUMPTIONS: Assumption[] = [
    {
        id: "U1",
        endpoint: "DELETE /management-api/v3/Groups/{id}",
        references: "No vendor page; only bt-cli calls it and its test tolerates a 405. The console can delete a group.",
        chosen: "204 No Content; 404 ProblemDetails for an unknown id; 400 ProblemDetails (detail says why) for the default group or a group that holds computers.",
        confidence: "Unverified",
        confirm: "A DELETE operation under /v3/Groups/{id}, or a body-style DELETE /v3/Groups; its declared responses.",
    },
    {
        id: "U2",
        endpoint: "POST /management-api/v3/Groups/{id}/AssignPolicyRevision",
        references: "Not in the docs; bt-cli and the fact sheet guess the same path, never shown working.",
        chosen: "Body {policyRevisionId}; 204 No Content; 404 for an unknown group or revision.",
        confidence: "Unverified",
        confirm: "An operation under /v3/Groups that takes a policy revision id for one group; its body schema name and fields.",
    },
    {
        id: "U3",
        endpoint: "POST /management-api/v3/Groups/{id}/ClearPolicy",
        references: "No source at all; the console can leave a group without a policy.",
        chosen: "No body; 204. The group's policyId, policyRevisionId and revision become null.",
        confidence: "Unverified",
        confirm: "Any operation that removes a group's policy assignment (maybe AssignPolicyRevision with a null id).",
    },
    {
        id: "U4",
        endpoint: "POST /management-api/v3/Groups/{id}/MarkAsDefault",
        references: "No source; the console has a Set Default action and ModifyGroupRequest has no default flag.",
        chosen: "No body; 204; the previous default group's `default` becomes false.",
        confidence: "Unverified",
        confirm: "An operation that sets the default group, or a default flag in ModifyGroupRequest.",
    },
    {
        id: "U5",
        endpoint: "POST /management-api/v3/Groups (create)",
        references: "The vendor page shows a hidden boolean (default false) beside name and description; Elastic's audit mock has newIsDefault.",
        chosen: "Body {name, description, isDefault}; GET returns the flag as `default`. Names must be unique (case-insensitive): 400 otherwise.",
        confidence: "Unverified",
        confirm: "The create-group request schema's property names; whether duplicate names are refused.",
    },
    {
        id: "U6",
        endpoint: "PUT /management-api/v3/Policies/{id} and PUT /management-api/v3/Policies",
        references: "Only bt-cli (untested) shows PUT /Policies/{id}; the group update puts the id in the body.",
        chosen: "Both: PUT /Policies/{id} with {name, description}, and PUT /Policies with {id, name, description}; 204.",
        confidence: "Unverified",
        confirm: "Which PUT exists under /v3/Policies and its body schema.",
    },
    {
        id: "U7",
        endpoint: "POST /management-api/v2/Policies/{id}/Upload (also v1, v3)",
        references: "The vendor page shows a file part and an auto-assign boolean with hidden names; create uses PolicyFile (bt-cli).",
        chosen: "Multipart parts PolicyFile (the XML) and AutoAssignToGroups (true|false, default false), optional Comment; 200 with the new revision id as a JSON string.",
        confidence: "Unverified",
        confirm: "The Upload operation's multipart schema: the file part's and the boolean's names; the response schema.",
    },
    {
        id: "U8",
        endpoint: "POST /Groups, POST /Policies (create)",
        references: "The vendor declares a uuid reply; no success code seen. bt-cli strips quotes from the reply.",
        chosen: '201 Created with the new id as a JSON string ("<uuid>").',
        confidence: "Unverified",
        confirm: "The 2xx code declared on POST /v3/Groups and POST /v1/Policies, and the reply's media type.",
    },
    {
        id: "U8b",
        endpoint: "POST /management-api/v3/Policies (create)",
        references: "Create is documented for v1 only; bt-cli calls it under v3 with parts Name, Description, PolicyFile.",
        chosen: "Served under v1, v2 and v3; parts Name (required), Description (optional), PolicyFile (required, well-formed XML, else 400 ProblemDetails). Names must be unique.",
        confidence: "Client-only",
        confirm: "A POST under /v3/Policies and its multipart schema.",
    },
    {
        id: "U9",
        endpoint: "Policy and revision models (GET /Policies, GET /Policies/{id}/Revisions)",
        references: "Vendor fields unknown; bt-cli reads id, name, revision; revisions id and revision.",
        chosen: "Policy {id, name, description, revision, revisionCount, size, totalAssignedGroups, isAssignedToGroup, hasOpenDraft, draftUser, created, lastModifiedDate, lastModifiedUser}; revision {id, policyId, revision, created, comment, lastModifiedUser, size, isLatest}. size is in bytes.",
        confidence: "Unverified",
        confirm: "PolicyModel / PolicyListItemModel and PolicyRevisionModel in components/schemas.",
    },
    {
        id: "U10",
        endpoint: "Group policyRevisionStatus",
        references: "Values not seen; clients treat it as opaque.",
        chosen: '"Latest" when the group holds the policy\'s latest revision, "Outdated" otherwise, null without a policy.',
        confidence: "Unverified",
        confirm: "The enum behind policyRevisionStatus in the group model.",
    },
    {
        id: "U11",
        endpoint: "DELETE /Policies/{id} while a group uses it",
        references: "Existence of delete is confirmed; constraints and codes are not.",
        chosen: "400 ProblemDetails whose detail names the groups; 204 when unused (its revisions go with it).",
        confidence: "Unverified",
        confirm: "The declared 4xx responses on DELETE /v3/Policies/{id}.",
    },
    {
        id: "U13",
        endpoint: "POST /oauth/token",
        references: "bt-cli and a Google SecOps sample use it on other hosts; the vendor documents /oauth/connect/token.",
        chosen: "Served with the same behaviour as /oauth/connect/token (form body or HTTP Basic, optional scope urn:management:api).",
        confidence: "Unverified",
        confirm: "Not in the swagger (the token server is separate): try both paths against the tenant host.",
    },
    {
        id: "U13b",
        endpoint: "POST /oauth/connect/token errors",
        references: "Clients read a 400 as bad client credentials.",
        chosen: "400 {error: invalid_client | invalid_request | unsupported_grant_type | invalid_scope, error_description} (OAuth's shape, not ProblemDetails).",
        confidence: "Client-only",
        confirm: "A token request with a wrong secret against the tenant.",
    },
    {
        id: "U13c",
        endpoint: "POST /oauth/connect/token/ (trailing slash)",
        references: "SailPoint's connector notes say a trailing slash on the instance or token URL gave HTTP 405.",
        chosen: "405 ProblemDetails with Allow: POST on either token path with a trailing slash.",
        confidence: "Client-only",
        confirm: "Not in the swagger: send the token request with a trailing slash to the tenant.",
    },
    {
        id: "U14",
        endpoint: "List filters (GET /Groups, /Policies, /Computers)",
        references: "Only Filter.Created.* (and Filter.LastConnected.Dates on computers) are confirmed names.",
        chosen: "Those two date filters are applied; every other query key is ignored.",
        confidence: "Unverified",
        confirm: "The query parameters of the three list operations.",
    },
    {
        id: "U15",
        endpoint: "List paging defaults and limits",
        references: "Docs: the page size shouldn't exceed 200; Rapid7 claims 1000 works; no default is documented.",
        chosen: 'Pagination.PageSize defaults to 10 and must be 1..200: above 200 is a 400 ProblemDetails with errors["Pagination.PageSize"]. Pagination.PageNumber defaults to 1; a page past the end has empty data.',
        confidence: "Unverified",
        confirm: "The PageSize parameter's maximum/range attribute in the list operations; a request with 201 against the tenant.",
    },
    {
        id: "R1",
        endpoint: "Rate limit (every route and the token endpoint)",
        references: "1000 requests / 100 s and HTTP 429 on the token endpoint too (Veza, Sentinel, Splunk); scope (account or tenant) and headers unknown.",
        chosen: "A sliding window of 1000 per 100 s per API account; token requests count in the window of the client id they name. 429 is ProblemDetails with Retry-After (seconds until a slot frees); no X-RateLimit-* headers. Refused requests use no quota.",
        confidence: "Unverified",
        confirm: "Not in the swagger: a 429 response's headers from the tenant; whether two accounts share one budget.",
    },
    {
        id: "E1",
        endpoint: "Error bodies",
        references: "ProblemDetails is declared for a 404 on Content; its properties are the ASP.NET default (inferred).",
        chosen: "application/problem+json {type, title, status, detail, traceId, errors?} for every 4xx/5xx of the Management API; 401 adds WWW-Authenticate: Bearer; malformed JSON is 400, another media type 415.",
        confidence: "Unverified",
        confirm: "components/schemas/ProblemDetails and the responses declared on a few operations.",
    },
    {
        id: "V1",
        endpoint: "All routes under /v1, /v2 and /v3",
        references: "Many operations are documented under one or two versions only.",
        chosen: "Every route answers identically under v1, v2 and v3.",
        confidence: "Unverified",
        confirm: "The v1/v2/v3 definitions in the swagger's picker; pin the provider to v3 routes it shows.",
    },
    {
        id: "G1",
        endpoint: "POST /management-api/v3/Groups/UnassignComputers",
        references:
            "The vendor body is {allComputers, selectionComputerIds, excludedComputerIds, filter}; SailPoint also sends groupId; where the computers go is not said.",
        chosen: "Accepts selectionComputerIds (or computerIds), allComputers, excludedComputerIds and an optional groupId (which must exist); the computers move to the default group, since a computer is always in one group; 204.",
        confidence: "Unverified",
        confirm: "The unassign request schema; a computer's groupId after an unassign on the tenant.",
    },
    {
        id: "G2",
        endpoint: "POST /management-api/v3/Groups/{id}/AssignComputers",
        references: "Confirmed operation and computerIds; reply code and schema not seen.",
        chosen: "200 with a JSON-string GUID (a task id the simulator does not track); the computers move at once.",
        confidence: "Unverified",
        confirm: "The declared 2xx response of AssignComputers; whether the move is asynchronous (a Task).",
    },
    {
        id: "G3",
        endpoint: "POST /management-api/v3/Groups/AutoAssignPolicyRevision",
        references: "Confirmed: 200 with a GUID; moves groups that use the policy onto its latest revision.",
        chosen: "The GUID returned is the latest revision's id.",
        confidence: "Unverified",
        confirm: "What the returned GUID identifies.",
    },
    {
        id: "P1",
        endpoint: "GET /management-api/v3/Policies/{id}/Revisions/{revisionId}[/Content]",
        references: "bt-cli (untested) reads one revision; downloading a chosen revision's XML is not documented.",
        chosen: "GET .../Revisions/{revisionId} returns the revision model; GET .../Revisions/{revisionId}/Content returns that revision's XML (application/xml).",
        confidence: "Unverified",
        confirm: "Any per-revision GET under /v3/Policies/{id}.",
    },
    {
        id: "P2",
        endpoint: "GET /management-api/v3/Policies/{id}/Content",
        references: "Confirmed for v2: the XML comes back, content type not declared; 404 is ProblemDetails.",
        chosen: "200 application/xml; charset=utf-8 with the bytes as uploaded.",
        confidence: "Client-only",
        confirm: "The Content operation's declared media types.",
    },
    {
        id: "C1",
        endpoint: "POST /Computers/Unarchive, POST /Computers/{id}/Archive and /{id}/Unarchive",
        references: "Bulk Archive confirmed (200); per-id routes only in SailPoint and bt-cli; bulk Unarchive unseen.",
        chosen: "All three served; 200 without a body; archiving is immediate.",
        confidence: "Unverified",
        confirm: "Archive/Unarchive operations under /v3/Computers.",
    },
    {
        id: "C2",
        endpoint: "DELETE /management-api/v3/Computers (body)",
        references: "ComputersRemoveRequest fields unverified; clients send {computerIds}. Declared 200 (no body) or 201.",
        chosen: "Body {computerIds, excludedComputerIds, allComputers}; 200 without a body; the computers are gone at once. DELETE /Computers/{id} is 405.",
        confidence: "Unverified",
        confirm: "ComputersRemoveRequest in components/schemas.",
    },
    {
        id: "C3",
        endpoint: "Computer model (GET /Computers, GET /Computers/{id})",
        references: "List fields from SailPoint, bt-cli and Rapid7; macOS hostType value not seen.",
        chosen: "hostType MacOS for Macs; the detail adds authorised, connected and a short endpointInformation {systemName, systemDnsHostName, systemDomain, osCaption, osVersion}.",
        confidence: "Unverified",
        confirm: "The hostType enum and the computer detail model.",
    },
    {
        id: "T1",
        endpoint: "Timestamps in every model",
        references: "Elastic parses created without an offset and 7 fractional digits; bt-cli's fixture has +00:00.",
        chosen: "ISO 8601 UTC with a Z and milliseconds (e.g. 2026-01-15T10:30:00.000Z); clients must parse all three forms.",
        confidence: "Unverified",
        confirm: "Any date-time example in the swagger, or a GET against the tenant.",
    },
];
