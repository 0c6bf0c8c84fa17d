package dev.lossservice.request;

import dev.lossservice.problem.FieldProblems;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;

/**
 * A parser that hides every repeated member of the request object from data binding, adding a
 * problem for it instead ("appears more than once"): Jackson would let the last value win, and its
 * strict duplicate detection stops reading at the first repeat, before the rest of the body has
 * been checked. The repeated member's value is skipped unread, as it will not be used.
 */
final class DuplicateMembers extends JsonParserDelegate {

    private final FieldProblems problems;
    private final Set<String> seen = new HashSet<>();

    DuplicateMembers(JsonParser parser, FieldProblems problems) {
        super(parser);
        this.problems = problems;
    }

    @Override
    public JsonToken nextToken() {
        JsonToken token = delegate.nextToken();
        while (token == JsonToken.PROPERTY_NAME && isRepeat()) {
            token = delegate.nextToken();
        }
        return token;
    }

    @Override
    public String nextName() {
        String name = delegate.nextName();
        while (name != null && isRepeat()) {
            name = delegate.nextName();
        }
        return name;
    }

    @Override
    public boolean nextName(SerializableString expected) {
        // Answered from nextToken, which skips repeats, as JsonParser's own default does.
        return nextToken() == JsonToken.PROPERTY_NAME && expected.getValue().equals(currentName());
    }

    @Override
    public int nextNameMatch(PropertyNameMatcher matcher) {
        int match = delegate.nextNameMatch(matcher);
        while (delegate.currentToken() == JsonToken.PROPERTY_NAME && isRepeat()) {
            match = delegate.nextNameMatch(matcher);
        }
        return match;
    }

    /**
     * Whether the member name just read repeats one of the request object; if so, reports it and
     * skips its value, leaving the parser on the value's last token.
     */
    private boolean isRepeat() {
        if (delegate.streamReadContext().getNestingDepth() != 1) {
            return false;
        }
        String name = delegate.currentName();
        if (seen.add(name)) {
            return false;
        }
        problems.add(FieldProblems.pointerTo(name), "appears more than once");
        delegate.nextToken();
        delegate.skipChildren();
        return true;
    }
}
