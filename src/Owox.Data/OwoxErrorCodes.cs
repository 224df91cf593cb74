namespace Owox.Data;

/// <summary>
/// The <see cref="OwoxException.Code"/> values Owox.Data itself sets, so a tool can tell what happened without
/// parsing messages. Codes starting with <c>SQL_</c> refuse a command text before anything is sent
/// (<see cref="IsSqlRefusal"/>). Any other code is the server's own (<c>code</c> or <c>error</c> of its error body,
/// such as <c>STORAGE_READ_FAILED</c>, or the first of its <c>blockedReasons</c>, such as <c>LICENSE_REQUIRED</c>).
/// </summary>
public static class OwoxErrorCodes
{
    /// <summary>The command text is not valid SQL of the subset Owox.Data reads (a missing parenthesis, an unexpected word).</summary>
    public const string SqlSyntax = "SQL_SYNTAX_ERROR";

    /// <summary>Not a single SELECT: INSERT/UPDATE/…, WITH, UNION, several statements, or text after <c>report:&lt;id&gt;</c> other than LIMIT.</summary>
    public const string SqlUnsupportedStatement = "SQL_UNSUPPORTED_STATEMENT";

    /// <summary>A FROM the API cannot read: joins, subqueries in FROM, schema-qualified names, TABLESAMPLE, PIVOT.</summary>
    public const string SqlUnsupportedSource = "SQL_UNSUPPORTED_SOURCE";

    /// <summary>A subquery in WHERE, HAVING or IN, or EXISTS.</summary>
    public const string SqlUnsupportedSubquery = "SQL_UNSUPPORTED_SUBQUERY";

    /// <summary>OR across different columns (or what needs one: NOT BETWEEN, IS NOT TRUE, XOR); OR of equalities on one column is sent as IN.</summary>
    public const string SqlUnsupportedOr = "SQL_UNSUPPORTED_OR";

    /// <summary>An expression where the API takes a column or a value: arithmetic, casts, CASE, functions, window functions, column-to-column comparisons, NOT around a condition.</summary>
    public const string SqlUnsupportedExpression = "SQL_UNSUPPORTED_EXPRESSION";

    /// <summary>An aggregate or grouping the API cannot compute: other aggregate functions, GROUP BY that differs from the selected columns, HAVING on what is not selected.</summary>
    public const string SqlUnsupportedAggregation = "SQL_UNSUPPORTED_AGGREGATION";

    /// <summary>An ORDER BY the API cannot sort by: COUNT(*), NULLS FIRST/LAST, COLLATE, a column not selected in an aggregating query.</summary>
    public const string SqlUnsupportedSort = "SQL_UNSUPPORTED_SORT";

    /// <summary>Paging the API cannot do: OFFSET without LIMIT, TOP … PERCENT / WITH TIES, LIMIT + OFFSET beyond the largest row count.</summary>
    public const string SqlUnsupportedPaging = "SQL_UNSUPPORTED_PAGING";

    /// <summary>A pattern match the API cannot express: LIKE with '_' or an inner '%', ILIKE, SIMILAR TO, case-insensitive or flagged regular expressions.</summary>
    public const string SqlUnsupportedPattern = "SQL_UNSUPPORTED_PATTERN";

    /// <summary>A date construct the API cannot express: DATE_TRUNC forms and units, date arithmetic other than on the current date, relative-date presets where they do not apply.</summary>
    public const string SqlUnsupportedDate = "SQL_UNSUPPORTED_DATE";

    /// <summary>A literal or parameter value that cannot be sent: the wrong type for the column, NULL in a comparison, a list where one value goes, a count out of range.</summary>
    public const string SqlInvalidValue = "SQL_INVALID_VALUE";

    /// <summary>A placeholder without a parameter (by name, or too few for the <c>?</c>s), or named and positional placeholders mixed.</summary>
    public const string SqlParameter = "SQL_PARAMETER_ERROR";

    /// <summary>A test the API does not allow on the column's type (LIKE on a number, &lt; on a boolean, DATE_TRUNC of a string), refused before sending as the server would refuse it.</summary>
    public const string SqlOperatorNotAllowed = "SQL_OPERATOR_NOT_ALLOWED";

    /// <summary>True for the <c>SQL_…</c> codes: Owox.Data refused the command text before sending anything.</summary>
    /// <param name="code">An <see cref="OwoxException.Code"/>, or null.</param>
    public static bool IsSqlRefusal(string? code) => code is not null && code.StartsWith("SQL_", System.StringComparison.Ordinal);

    /// <summary>A wait on the server outlasted <c>CommandTimeout</c>; the stream was closed.</summary>
    public const string Timeout = "TIMEOUT";

    /// <summary>The body ended without the chunked terminator: the server or the network cut the stream, so the rows read are not the whole result.</summary>
    public const string StreamTruncated = "STREAM_TRUNCATED";

    /// <summary>A line of the body was not a JSON object: the response is corrupt or not from an OWOX server.</summary>
    public const string MalformedNdjson = "MALFORMED_NDJSON";

    /// <summary>One row was longer than the most Owox.Data accepts (64 MiB).</summary>
    public const string RowTooLarge = "ROW_TOO_LARGE";

    /// <summary>The request could not reach the server, or the connection failed before a response arrived.</summary>
    public const string NetworkError = "NETWORK_ERROR";

    /// <summary>
    /// The request was not sent: the key's rate limit, as the server last reported it (<c>RateLimit-Remaining</c> 0),
    /// has no request left, and its reset is further away than what remains of <c>Retry Budget</c>. Transient.
    /// </summary>
    public const string RateLimitExhausted = "RATE_LIMIT_EXHAUSTED";

    /// <summary>
    /// With <c>Verify Row Count=true</c>: the stream ended cleanly, but the server's run record says it wrote another
    /// number of rows, or that the run did not succeed; rows were lost on the way, so the result is not complete.
    /// </summary>
    public const string RowCountMismatch = "ROW_COUNT_MISMATCH";

    /// <summary>
    /// With <c>Verify Row Count=true</c>: the stream ended cleanly, but its run record could not be read (no run id, the
    /// key may not read runs, or the run is unknown), so the rows received cannot be shown to be complete.
    /// </summary>
    public const string RowCountUnverified = "ROW_COUNT_UNVERIFIED";

    /// <summary>The server answered 200 with a content type other than <c>application/x-ndjson</c> (a proxy or login page).</summary>
    public const string UnexpectedContentType = "UNEXPECTED_CONTENT_TYPE";
}
