// A well-formedness check for uploaded policy files. EPM refuses a policy file it cannot parse;
// the simulator needs no XML library to do the same: it checks that the text is one root
// element with balanced, properly nested tags and quoted attributes. It does not validate
// against the EPM policy schema (no public copy exists).

/** undefined when well-formed, else the first problem found, in plain words. */
export function xmlProblem(text: string): string | undefined {
    let s = text.replace(/^\uFEFF/, "");
    s = s.replace(/<!--[\s\S]*?-->/g, "").replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "");
    if (/<!--|<!\[CDATA\[/.test(s)) return "an unterminated comment or CDATA section";
    const stack: string[] = [];
    let roots = 0;
    let i = 0;
    const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
    while (i < s.length) {
        const lt = s.indexOf("<", i);
        const textPart = s.slice(i, lt < 0 ? s.length : lt);
        if (textPart.trim() !== "" && stack.length === 0) return "text outside the root element";
        if (/&(?![A-Za-z]+;|#\d+;|#x[0-9A-Fa-f]+;)/.test(textPart)) return "an unescaped '&'";
        if (lt < 0) break;
        if (s.startsWith("<?", lt)) {
            const end = s.indexOf("?>", lt);
            if (end < 0) return "an unterminated processing instruction";
            i = end + 2;
            continue;
        }
        if (s.startsWith("<!DOCTYPE", lt)) {
            const end = s.indexOf(">", lt);
            if (end < 0) return "an unterminated DOCTYPE";
            i = end + 1;
            continue;
        }
        tag.lastIndex = lt;
        const m = tag.exec(s);
        if (!m) return `a malformed tag at offset ${lt}`;
        const [whole, closing, name, , selfClosing] = m;
        if (closing) {
            if (selfClosing) return `a malformed closing tag </${name}>`;
            const open = stack.pop();
            if (open !== name) return open ? `</${name}> closes <${open}>` : `</${name}> closes nothing`;
        } else {
            if (stack.length === 0) roots++;
            if (roots > 1) return "more than one root element";
            if (!selfClosing) stack.push(name);
        }
        i = lt + whole.length;
    }
    if (stack.length > 0) return `<${stack[stack.length - 1]}> is never closed`;
    if (roots === 0) return "no root element";
    return undefined;
}
