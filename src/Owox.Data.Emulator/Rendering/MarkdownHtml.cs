using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Owox.Data.Emulator.Rendering;

/// <summary>
/// The emulator's <c>POST /api/markdown/parse-to-html</c>: a small Markdown subset — <c>#</c> headings, paragraphs,
/// <c>-</c>/<c>*</c> lists, <c>`code`</c>, <c>**strong**</c>, <c>*em*</c> and <c>[text](url)</c> links — with
/// everything else HTML-escaped (wire-protocol §5.6).
/// </summary>
internal static partial class MarkdownHtml
{
    public static string Render(string markdown)
    {
        var html = new StringBuilder();
        var paragraph = new List<string>();
        var inList = false;

        void FlushParagraph()
        {
            if (paragraph.Count > 0)
            {
                html.Append("<p>").Append(Inline(string.Join("\n", paragraph))).Append("</p>\n");
                paragraph.Clear();
            }
        }

        void CloseList()
        {
            if (inList)
            {
                html.Append("</ul>\n");
                inList = false;
            }
        }

        foreach (var raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (Heading().Match(line) is { Success: true } heading)
            {
                FlushParagraph();
                CloseList();
                var level = heading.Groups[1].Length;
                html.Append("<h").Append(level).Append('>').Append(Inline(heading.Groups[2].Value)).Append("</h").Append(level).Append(">\n");
            }
            else if (ListItem().Match(line) is { Success: true } item)
            {
                FlushParagraph();
                if (!inList)
                {
                    html.Append("<ul>\n");
                    inList = true;
                }

                html.Append("<li>").Append(Inline(item.Groups[1].Value)).Append("</li>\n");
            }
            else if (line.Length == 0)
            {
                FlushParagraph();
                CloseList();
            }
            else
            {
                CloseList();
                paragraph.Add(line.Trim());
            }
        }

        FlushParagraph();
        CloseList();
        return html.ToString();
    }

    private static string Inline(string text)
    {
        var escaped = WebUtility.HtmlEncode(text);
        escaped = Code().Replace(escaped, "<code>$1</code>");
        escaped = Strong().Replace(escaped, "<strong>$1</strong>");
        escaped = Emphasis().Replace(escaped, "<em>$1</em>");
        return Link().Replace(escaped, "<a href=\"$2\">$1</a>");
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*[-*]\s+(.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex Strong();

    [GeneratedRegex(@"\*([^*]+)\*")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();
}
