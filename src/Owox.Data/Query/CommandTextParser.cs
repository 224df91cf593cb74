using System;
using System.Data;

namespace Owox.Data.Query;

/// <summary>Parses a command's text: a data-mart id or <c>report:&lt;id&gt;</c>.</summary>
internal static class CommandTextParser
{
    public static ParsedCommand Parse(string commandText, CommandType commandType)
    {
        var text = commandText.Trim();
        if (commandType == CommandType.Text && text.StartsWith("report:", StringComparison.OrdinalIgnoreCase))
            return new ParsedCommand(QueryTarget.Report, text.Substring("report:".Length).Trim());
        return new ParsedCommand(QueryTarget.DataMart, text);
    }
}
