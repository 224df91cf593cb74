using System;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Owox.Data.Auth;

namespace Owox.Data;

/// <summary>
/// Builds and parses Owox.Data connection strings. A connection string is either the bare
/// <c>owox_key_...</c> API key, or keywords such as <c>Api Key=owox_key_...;Command Timeout=120</c>.
/// Keywords are case-insensitive and have aliases (see <see cref="Keywords"/>). The API key is dropped
/// from a connection's <c>ConnectionString</c> after <c>Open</c> unless <see cref="PersistSecurityInfo"/> is true.
/// </summary>
[DebuggerDisplay("{ToRedactedString(),nq}")]
[SuppressMessage("Design", "CA1010", Justification = "DbConnectionStringBuilder's collection shape is fixed by ADO.NET.")]
public sealed class OwoxConnectionStringBuilder : DbConnectionStringBuilder
{
    private static readonly ConnectionOption[] Options =
    [
        new("Api Key", ["ApiKey", "Key", "Password", "Pwd"], ""),
        new("Api Origin", ["ApiOrigin", "Origin", "Server", "Host"], ""),
        new("Timeout", ["Connect Timeout", "Connection Timeout"], 15),
        new("Command Timeout", ["CommandTimeout", "Default Command Timeout"], 30),
        new("Persist Security Info", ["PersistSecurityInfo"], false),
        new("Schema Source", ["SchemaSource"], OwoxSchemaSource.Metadata),
        new("Max Retries", ["MaxRetries", "Retry Count"], 3),
        new("Retry Budget", ["RetryBudget"], 60),
        new("Application Name", ["ApplicationName", "App"], ""),
        new("Verify Row Count", ["VerifyRowCount"], false),
    ];

    private static readonly Dictionary<string, ConnectionOption> ByKeyword = BuildKeywordMap();

    /// <summary>Creates an empty builder (every option at its default).</summary>
    public OwoxConnectionStringBuilder()
    {
    }

    /// <summary>Creates a builder from a connection string: the bare <c>owox_key_...</c> key, or keywords.</summary>
    public OwoxConnectionStringBuilder(string? connectionString)
    {
        ConnectionString = connectionString ?? string.Empty;
    }

    /// <summary>The canonical keyword of every option, in display order.</summary>
    public static IReadOnlyList<string> Keywords { get; } = Array.ConvertAll(Options, o => o.Keyword);

    /// <summary>
    /// The connection string. Setting it accepts a bare <c>owox_key_...</c> value as shorthand for
    /// <c>Api Key=owox_key_...</c>; reading it always returns the keyword form.
    /// </summary>
    [AllowNull]
    public new string ConnectionString
    {
        get => base.ConnectionString;
        set
        {
            var text = value?.Trim() ?? string.Empty;
            if (text.StartsWith(Auth.ApiKey.Prefix, StringComparison.Ordinal) && text.IndexOf(';') < 0 && text.IndexOf('=') < 0)
            {
                Clear();
                ApiKey = text;
            }
            else if (text.Length > 0 && text.IndexOf('=') < 0)
            {
                throw new ArgumentException(
                    "The connection string is neither an OWOX API key nor 'keyword=value' pairs. Pass the key exactly as OWOX shows it " +
                    "(it starts with owox_key_), or keywords such as 'Api Key=owox_key_...;Command Timeout=120'.", nameof(value));
            }
            else
            {
                base.ConnectionString = value;
            }
        }
    }

    /// <summary>The <c>owox_key_...</c> API key copied from OWOX (Project settings → My API Keys). Keyword <c>Api Key</c>.</summary>
    [PasswordPropertyText(true)]
    [DisplayName("Api Key")]
    [Category("Security")]
    [Description("The owox_key_... API key copied from OWOX.")]
    [AllowNull]
    public string ApiKey
    {
        get => (string)GetOption("Api Key");
        set => SetOption("Api Key", value ?? string.Empty);
    }

    /// <summary>
    /// Overrides the origin inside the key (<c>https://host[:port]</c>), for keys minted with the wrong public
    /// origin or to go through a proxy. Empty = use the key's origin. Keyword <c>Api Origin</c>.
    /// </summary>
    [DisplayName("Api Origin")]
    [Category("Connection")]
    [AllowNull]
    public string ApiOrigin
    {
        get => (string)GetOption("Api Origin");
        set => SetOption("Api Origin", value ?? string.Empty);
    }

    /// <summary>Seconds <c>Open</c> may take to obtain an access token (0 = no limit). Default 15. Keyword <c>Timeout</c>.</summary>
    [DisplayName("Timeout")]
    [Category("Connection")]
    public int Timeout
    {
        get => (int)GetOption("Timeout");
        set => SetOption("Timeout", NonNegative(value, "Timeout"));
    }

    /// <summary>
    /// Default <c>CommandTimeout</c> in seconds for commands on this connection (0 = no limit). Default 30.
    /// It bounds the wait for the response headers and each later wait for more rows. Keyword <c>Command Timeout</c>.
    /// </summary>
    [DisplayName("Command Timeout")]
    [Category("Connection")]
    public int CommandTimeout
    {
        get => (int)GetOption("Command Timeout");
        set => SetOption("Command Timeout", NonNegative(value, "Command Timeout"));
    }

    /// <summary>When false (default), the API key is removed from <c>OwoxConnection.ConnectionString</c> once the connection has been opened.</summary>
    [DisplayName("Persist Security Info")]
    [Category("Security")]
    public bool PersistSecurityInfo
    {
        get => (bool)GetOption("Persist Security Info");
        set => SetOption("Persist Security Info", value);
    }

    /// <summary>Where column types come from: the data mart's declared schema (default) or inference from the first rows.</summary>
    [DisplayName("Schema Source")]
    [Category("Data")]
    public OwoxSchemaSource SchemaSource
    {
        get => (OwoxSchemaSource)GetOption("Schema Source");
        set => SetOption("Schema Source", value);
    }

    /// <summary>How many times a request that failed before any row arrived (429, 502, 503, 504, connection failure) is retried. Default 3; 0 disables retries.</summary>
    [DisplayName("Max Retries")]
    [Category("Resilience")]
    public int MaxRetries
    {
        get => (int)GetOption("Max Retries");
        set => SetOption("Max Retries", NonNegative(value, "Max Retries"));
    }

    /// <summary>Total seconds all retries of one request (including waits for a rate-limit reset) may take. Default 60.</summary>
    [DisplayName("Retry Budget")]
    [Category("Resilience")]
    public int RetryBudget
    {
        get => (int)GetOption("Retry Budget");
        set => SetOption("Retry Budget", NonNegative(value, "Retry Budget"));
    }

    /// <summary>Added to the <c>User-Agent</c> header so server-side logs show which application made a request.</summary>
    [DisplayName("Application Name")]
    [Category("Connection")]
    [AllowNull]
    public string ApplicationName
    {
        get => (string)GetOption("Application Name");
        set => SetOption("Application Name", value ?? string.Empty);
    }

    /// <summary>
    /// When true, a stream that ended cleanly is checked against the server's record of its run: the reader's last
    /// <c>Read</c> asks for the run of the response's <c>x-owox-run-id</c> and throws <see cref="OwoxException"/>
    /// (<see cref="OwoxErrorCodes.RowCountMismatch"/>) when the run wrote another number of rows than were received, or
    /// did not succeed. Costs one small request per stream. Default false. Keyword <c>Verify Row Count</c>.
    /// </summary>
    [DisplayName("Verify Row Count")]
    [Category("Resilience")]
    public bool VerifyRowCount
    {
        get => (bool)GetOption("Verify Row Count");
        set => SetOption("Verify Row Count", value);
    }

    /// <summary>Gets or sets an option by keyword or alias (case-insensitive); unknown keywords throw.</summary>
    [AllowNull]
    public override object this[string keyword]
    {
        get => GetOption(Resolve(keyword).Keyword);
        set
        {
            var option = Resolve(keyword);
            if (value is null)
                Remove(option.Keyword);
            else
                SetOption(option.Keyword, option.Convert(value));
        }
    }

    /// <summary>The canonical keywords.</summary>
    public override ICollection Keys => Array.ConvertAll(Options, o => o.Keyword);

    /// <summary>True for every keyword and alias this builder understands.</summary>
    public override bool ContainsKey(string keyword) => keyword is not null && ByKeyword.ContainsKey(keyword);

    /// <summary>Resets the option named by <paramref name="keyword"/> (or an alias) to its default.</summary>
    public override bool Remove(string keyword)
    {
        if (keyword is null || !ByKeyword.TryGetValue(keyword, out var option))
            return false;
        return base.Remove(option.Keyword);
    }

    /// <summary>True when the option is present; its value (or default) is returned either way.</summary>
    public override bool TryGetValue(string keyword, [MaybeNullWhen(false)] out object value)
    {
        if (keyword is null || !ByKeyword.TryGetValue(keyword, out var option))
        {
            value = null;
            return false;
        }
        value = GetOption(option.Keyword);
        return true;
    }

    /// <summary>The connection string without the API key — what is safe to show or log.</summary>
    internal string ToRedactedString()
    {
        var copy = new OwoxConnectionStringBuilder { ConnectionString = ConnectionString };
        copy.Remove("Api Key");
        return copy.ConnectionString;
    }

    private object GetOption(string keyword)
    {
        var option = ByKeyword[keyword];
        return base.TryGetValue(option.Keyword, out var value) && value is not null ? option.Convert(value) : option.Default;
    }

    private void SetOption(string keyword, object value) => base[keyword] = value;

    private static ConnectionOption Resolve(string keyword)
    {
        if (keyword is null)
            throw new ArgumentNullException(nameof(keyword));
        if (ByKeyword.TryGetValue(keyword, out var option))
            return option;
        if (keyword.IndexOf(Auth.ApiKey.Prefix, StringComparison.OrdinalIgnoreCase) >= 0)
        {
            throw new ArgumentException(
                "The connection string starts with the API key but has other keywords too; then name the key as well: 'Api Key=owox_key_...;Command Timeout=120'.",
                nameof(keyword));
        }
        var shown = keyword.Length > 40 ? keyword.Substring(0, 40) + "…" : keyword;
        throw new ArgumentException(
            $"Unknown connection-string keyword '{shown}'. Owox.Data understands: {string.Join(", ", Keywords)}.", nameof(keyword));
    }

    private static int NonNegative(int value, string keyword) => value >= 0
        ? value
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"'{keyword}' must be 0 or more seconds.");

    private static Dictionary<string, ConnectionOption> BuildKeywordMap()
    {
        var map = new Dictionary<string, ConnectionOption>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in Options)
        {
            map[option.Keyword] = option;
            foreach (var alias in option.Aliases)
                map[alias] = option;
        }
        return map;
    }

    private sealed class ConnectionOption(string keyword, string[] aliases, object defaultValue)
    {
        public string Keyword { get; } = keyword;

        public string[] Aliases { get; } = aliases;

        public object Default { get; } = defaultValue;

        public object Convert(object value)
        {
            try
            {
                return Default switch
                {
                    string => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
                    int => NonNegative(value is string s ? int.Parse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture) : System.Convert.ToInt32(value, CultureInfo.InvariantCulture), Keyword),
                    bool => value is string s ? ParseBoolean(s) : System.Convert.ToBoolean(value, CultureInfo.InvariantCulture),
                    Enum => value is string s ? Enum.Parse(Default.GetType(), s.Trim(), ignoreCase: true) : Enum.ToObject(Default.GetType(), value),
                    _ => value,
                };
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidCastException)
            {
                var expected = Default switch
                {
                    int => "a whole number, 0 or more (0 = no limit for the timeouts)",
                    bool => "true or false",
                    Enum => "one of " + string.Join(", ", Enum.GetNames(Default.GetType())),
                    _ => "text",
                };
                throw new ArgumentException($"Connection-string keyword '{Keyword}' has an invalid value; expected {expected}.", e);
            }
        }

        private static bool ParseBoolean(string text) => text.Trim().ToUpperInvariant() switch
        {
            "TRUE" or "YES" or "1" => true,
            "FALSE" or "NO" or "0" => false,
            _ => throw new FormatException(),
        };
    }
}
