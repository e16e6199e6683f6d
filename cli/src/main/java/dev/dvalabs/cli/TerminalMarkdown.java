package dev.dvalabs.cli;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * instructions.md for a terminal: commonmark parses it (GitHub's tables included), and this writes headings,
 * wrapped paragraphs, lists with hanging indents, code blocks and tables with aligned columns. With colour
 * (a terminal, no {@code NO_COLOR}) headings are bold and code is cyan; without, the text stands alone.
 */
final class TerminalMarkdown {

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    private static final String BOLD = "\u001b[1m";
    private static final String CYAN = "\u001b[36m";
    private static final String DIM = "\u001b[2m";
    private static final String RESET = "\u001b[0m";

    private final boolean color;
    private final int width;
    private final StringBuilder out = new StringBuilder();

    private TerminalMarkdown(boolean color, int width) {
        this.color = color;
        this.width = width;
    }

    static String render(String markdown, boolean color, int width) {
        TerminalMarkdown renderer = new TerminalMarkdown(color, Math.max(40, width));
        renderer.blocks(PARSER.parse(markdown), "");
        return renderer.out.toString().stripTrailing() + "\n";
    }

    /** Whether to colour: a terminal that is no pipe, {@code NO_COLOR} unset (no-color.org), and a TERM that is not dumb. */
    static boolean colorWanted() {
        String noColor = System.getenv("NO_COLOR");
        return System.console() != null && (noColor == null || noColor.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
    }

    private void blocks(Node parent, String indent) {
        for (Node block = parent.getFirstChild(); block != null; block = block.getNext()) {
            block(block, indent);
        }
    }

    private void block(Node block, String indent) {
        if (block instanceof Heading h) {
            String text = inline(h);
            out.append(indent).append(style(BOLD, h.getLevel() == 1 ? text.toUpperCase(java.util.Locale.ROOT) : text)).append('\n');
            if (h.getLevel() <= 2) {
                out.append(indent).append("─".repeat(Math.min(width - indent.length(), text.length()))).append('\n');
            }
            out.append('\n');
        } else if (block instanceof Paragraph p) {
            wrap(inline(p), indent, indent);
            out.append('\n');
        } else if (block instanceof BulletList || block instanceof OrderedList) {
            int number = block instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
            for (Node item = block.getFirstChild(); item != null; item = item.getNext()) {
                String marker = block instanceof OrderedList ? (number++) + ". " : "• ";
                listItem((ListItem) item, indent, marker);
            }
            blankLine();
        } else if (block instanceof FencedCodeBlock code) {
            code(code.getLiteral(), indent);
        } else if (block instanceof IndentedCodeBlock code) {
            code(code.getLiteral(), indent);
        } else if (block instanceof BlockQuote quote) {
            blocks(quote, indent + "│ ");
        } else if (block instanceof ThematicBreak) {
            out.append(indent).append("─".repeat(width - indent.length())).append("\n\n");
        } else if (block instanceof TableBlock table) {
            table(table, indent);
        } else if (block instanceof CustomBlock) {
            blocks(block, indent);
        }
    }

    private void listItem(ListItem item, String indent, String marker) {
        String hanging = indent + " ".repeat(marker.length());
        boolean first = true;
        for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
            if (first && child instanceof Paragraph p) {
                wrap(inline(p), indent + marker, hanging);
            } else {
                block(child, hanging);
            }
            first = false;
        }
    }

    private void code(String literal, String indent) {
        for (String line : literal.stripTrailing().split("\n", -1)) {
            out.append(indent).append("    ").append(style(DIM, line)).append('\n');
        }
        blankLine();
    }

    /** One blank line after a block, never two (a code block that ends a list item ends the list too). */
    private void blankLine() {
        if (out.length() > 0 && !out.toString().endsWith("\n\n")) {
            out.append('\n');
        }
    }

    private void table(TableBlock table, String indent) {
        List<List<String>> rows = new ArrayList<>();
        collectRows(table, rows);
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        // The last column takes what is left of the width and wraps; the others keep their widest cell.
        int fixed = indent.length();
        for (int c = 0; c < columns - 1; c++) {
            fixed += widths[c] + 3;
        }
        int last = Math.max(20, width - fixed);
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            List<String> lastLines = wrapped(row.size() == columns ? row.get(columns - 1) : "", last);
            for (int l = 0; l < lastLines.size(); l++) {
                StringBuilder line = new StringBuilder(indent);
                for (int c = 0; c < columns - 1; c++) {
                    String cell = l == 0 && c < row.size() ? row.get(c) : "";
                    line.append(pad(cell, widths[c])).append(" │ ");
                }
                out.append(r == 0 ? style(BOLD, line + lastLines.get(l)) : line + lastLines.get(l)).append('\n');
            }
            if (r == 0) {
                StringBuilder rule = new StringBuilder(indent);
                for (int c = 0; c < columns - 1; c++) {
                    rule.append("─".repeat(widths[c])).append("─┼─");
                }
                out.append(rule).append("─".repeat(Math.min(last, widths[columns - 1]))).append('\n');
            }
        }
        out.append('\n');
    }

    private void collectRows(Node node, List<List<String>> rows) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof TableRow row) {
                List<String> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    cells.add(plain((TableCell) cell));
                }
                rows.add(cells);
            } else {
                collectRows(child, rows);
            }
        }
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    /** A block's inline content, styled. */
    private String inline(Node parent) {
        StringBuilder text = new StringBuilder();
        parent.accept(new AbstractVisitor() {
            @Override public void visit(Text t) { text.append(t.getLiteral()); }
            @Override public void visit(Code c) { text.append(color ? style(CYAN, c.getLiteral()) : "`" + c.getLiteral() + "`"); }
            @Override public void visit(SoftLineBreak b) { text.append(' '); }
            @Override public void visit(HardLineBreak b) { text.append('\n'); }
            @Override public void visit(StrongEmphasis s) {
                if (color) { text.append(BOLD); visitChildren(s); text.append(RESET); } else { visitChildren(s); }
            }
            @Override public void visit(Emphasis e) { visitChildren(e); }
            @Override public void visit(Link l) {
                visitChildren(l);
                if (!l.getDestination().isEmpty() && !text.toString().endsWith(l.getDestination())) {
                    text.append(" (").append(l.getDestination()).append(')');
                }
            }
        });
        return text.toString();
    }

    /** A table cell's text, unstyled, so that columns align by what shows. */
    private String plain(Node cell) {
        boolean wasColor = color;
        return new TerminalMarkdown(false, width).inline(cell).replace("`", wasColor ? "" : "`");
    }

    private void wrap(String text, String first, String rest) {
        List<String> lines = new ArrayList<>();
        for (String paragraphLine : text.split("\n")) {
            lines.addAll(wrapped(paragraphLine, width - rest.length()));
        }
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == 0 ? first : rest).append(lines.get(i)).append('\n');
        }
    }

    /** Words filled into lines of at most {@code max} visible characters; a longer word stands on a line of its own. */
    private static List<String> wrapped(String text, int max) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int visible = 0;
        for (String word : text.split(" ")) {
            int length = visibleLength(word);
            if (visible > 0 && visible + 1 + length > max) {
                lines.add(line.toString());
                line.setLength(0);
                visible = 0;
            }
            if (visible > 0) {
                line.append(' ');
                visible++;
            }
            line.append(word);
            visible += length;
        }
        lines.add(line.toString());
        return lines;
    }

    private static int visibleLength(String text) {
        return text.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }

    private String style(String code, String text) {
        return color ? code + text + RESET : text;
    }
}
