package dev.portwatch.http;

import static dev.portwatch.http.Html.escape;

import dev.portwatch.net.Transport;
import dev.portwatch.table.Role;
import dev.portwatch.table.State;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The page's filter form: one field per query filter, showing the filter in use. */
final class PageForm {

    private PageForm() {}

    static void render(StringBuilder out, ConnectionFilter filter) {
        out.append("<form id=\"filters\" method=\"get\" action=\"/\">\n");
        select(out, filter, "transport", "Transport", Stream.of(Transport.values()).map(Transport::label).toList());
        select(out, filter, "state", "State", Stream.concat(Stream.of("open"),
                Stream.of(State.values()).map(state -> state.name().toLowerCase(Locale.ROOT))).toList());
        select(out, filter, "role", "Role", Stream.of(Role.values()).map(Role::label).toList());
        out.append("<label>Port <input name=\"port\" inputmode=\"numeric\" size=\"6\" value=\"")
                .append(escape(filter.value("port"))).append("\"></label>\n")
                .append("<button type=\"submit\">Filter</button> <a href=\"/\">show all</a>\n</form>\n");
    }

    private static void select(StringBuilder out, ConnectionFilter filter, String name, String label,
                               List<String> values) {
        String current = filter.value(name);
        out.append("<label>").append(label).append(" <select name=\"").append(name).append("\">")
                .append("<option value=\"\">any</option>");
        for (String value : values) {
            out.append("<option").append(value.equals(current) ? " selected" : "").append('>')
                    .append(escape(value)).append("</option>");
        }
        out.append("</select></label>\n");
    }
}
