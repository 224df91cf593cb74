using System;
using System.Data;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Owox.Data.Diagnostics;
using Owox.Data.Http;
using Owox.Data.Query;
using Owox.Data.Schema;

namespace Owox.Data.Execution;

/// <summary>
/// Runs one command: resolves the target (an id, a report, or the FROM of a SELECT, by id or title), reads the
/// metadata that types the result, binds the parameters, resolves the result columns, sends the HTTP Data request
/// under the <see cref="CommandDeadline"/>, checks the content type and the run id, and returns a started
/// <see cref="ResultStream"/> with its columns. Nothing here outlives the call but the stream it returns. Three
/// results are answered without a data request: a SELECT without FROM (its one row, built locally), and, when the
/// schema is known, a query that returns no rows (<c>WHERE 1 = 0</c>, <c>LIMIT 0</c>) and a schema-only execution.
/// </summary>
internal static class QueryExecutor
{
    /// <summary>What an execution produced: the columns, and the stream of rows (null for a schema-only result answered from metadata).</summary>
    public readonly record struct StartedResult(string DataMartId, ResultColumn[] Columns, ResultStream? Stream, OperationTelemetry? Telemetry);

    public static async ValueTask<StartedResult> ExecuteAsync(
        OwoxConnection connection, string commandText, CommandType commandType, OwoxParameterCollection parameters,
        CommandBehavior behavior, CommandDeadline deadline, bool async)
    {
        var started = Stopwatch.GetTimestamp();
        var dataSource = connection.OpenDataSource;
        var token = deadline.Token;
        var parsed = CommandTextParser.Parse(commandText, commandType);
        if (parsed.IsConstantSelect)
        {
            var (constantColumns, row) = ConstantRow.Build(parsed.BindConstants(parameters.Items, DateTime.UtcNow));
            return await LocalAsync(string.Empty, constantColumns, row, deadline, dataSource, started, async).ConfigureAwait(false);
        }
        string id;
        DataMartSchema? schema = null;
        ReportDefinition? report = null;
        ReportOutputSchema? outputSchema = null;
        deadline.BeginWait();
        try
        {
            id = parsed.IsSql && parsed.Target == QueryTarget.DataMart
                ? await ResolveDataMartIdAsync(dataSource, parsed.Source, async, token).ConfigureAwait(false)
                : parsed.Source;
            if (connection.Settings.SchemaSource == OwoxSchemaSource.Metadata)
            {
                if (parsed.Target == QueryTarget.Report)
                    report = await dataSource.GetReportAsync(id, async, token).ConfigureAwait(false);
                if (parsed.Target == QueryTarget.DataMart || report is not null)
                    schema = await dataSource.GetSchemaAsync(report?.DataMartId ?? id, async, token).ConfigureAwait(false);
                if (report is not null && schema is not null)
                    outputSchema = await dataSource.GetReportOutputSchemaAsync(id, async, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException e) when (deadline.IsStopped)
        {
            throw deadline.StopException(e, "reading the data mart's metadata", parsed.Source, 0, null);
        }
        finally
        {
            deadline.EndWait();
        }

        var query = parsed.Bind(parsed.Target == QueryTarget.Report ? id : schema?.Id ?? id, parameters.Items, schema is null ? null : new SchemaColumnCatalog(schema), DateTime.UtcNow);
        var columns = schema is null ? null
            : report is not null ? outputSchema?.ToColumns(schema) ?? ResultColumnResolver.Resolve(report.ToQuery(schema), schema)
            : ResultColumnResolver.Resolve(query, schema);
        var reconcile = report is not null || query.Projection is null;

        if (query.AggregatesNoRows)
        {
            if (columns is null)
            {
                throw new OwoxException(
                    "Aggregates over a condition that is always false are one row of zero counts and NULLs, which needs the data mart's schema to type, and none is available (Schema Source=Infer, or the key may not read it); remove the condition that is always false",
                    null, null, OwoxErrorCodes.SqlUnsupportedAggregation, null, isTransient: false);
            }
            return await LocalAsync(query.Id, columns, ConstantRow.EmptyAggregates(columns, query.Projection!), deadline, dataSource, started, async).ConfigureAwait(false);
        }
        var schemaOnly = (behavior & CommandBehavior.SchemaOnly) != 0 || query.ReturnsNoRows;
        if (schemaOnly && columns is not null)
            return new StartedResult(query.Id, columns, null, null);
        if (schemaOnly || (behavior & CommandBehavior.SingleRow) != 0)
        {
            // Without a schema the columns come from the first row: ask for one, and (schema only) read none of it.
            query.Limit = 1;
            query.Skip = 0;
        }

        var isReport = query.Target == QueryTarget.Report;
        var context = new RequestContext($"Streaming {(isReport ? "report" : "data mart")} '{query.Id}'", isReport ? OwoxTelemetry.StreamReport : OwoxTelemetry.StreamDataMart, query.Id);
        var telemetry = OperationTelemetry.Start(context.DbOperation, query.Id, parsed.IsSql ? commandText : null);
        context.Telemetry = telemetry;
        try
        {
            var response = await SendAsync(dataSource, query, context, parsed.IsSql ? commandText : null, deadline, async).ConfigureAwait(false);
            var runId = response.Headers.TryGetValues("x-owox-run-id", out var values) ? string.Join(",", values) : null;
            OwoxLog.StreamStarted(dataSource.Logger, query.Id, runId, (long)((Stopwatch.GetTimestamp() - started) * 1000.0 / Stopwatch.Frequency));
            var check = connection.Settings.VerifyRowCount && !schemaOnly ? new RowCountCheck(dataSource, query.Target, query.Id, report?.DataMartId) : null;
            var stream = await ResultStream.OpenAsync(response, query.Id, runId, query.Skip, check, deadline, dataSource.Logger, started, async).ConfigureAwait(false);
            try
            {
                columns = await stream.ResolveColumnsAsync(columns, reconcile, query.Projection, async).ConfigureAwait(false);
                if (schemaOnly)
                    stream.Finish();
                return new StartedResult(query.Id, columns, stream, telemetry);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }
        catch (Exception e)
        {
            telemetry.Fail(e);
            telemetry.Dispose();
            throw;
        }
    }

    /// <summary>A row answered without a request (<see cref="ConstantRow"/>), read through a local response like a streamed one.</summary>
    private static async ValueTask<StartedResult> LocalAsync(
        string id, ResultColumn[] columns, byte[] ndjson, CommandDeadline deadline, OwoxDataSource dataSource, long started, bool async)
    {
        var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(ndjson) };
        var stream = await ResultStream.OpenAsync(response, id, null, 0, null, deadline, dataSource.Logger, started, async).ConfigureAwait(false);
        try
        {
            columns = await stream.ResolveColumnsAsync(columns, reconcile: false, null, async).ConfigureAwait(false);
            return new StartedResult(id, columns, stream, null);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Sends the data request and returns its 200 NDJSON response; every other outcome is thrown.</summary>
    private static async ValueTask<HttpResponseMessage> SendAsync(OwoxDataSource dataSource, DataMartQuery query, RequestContext context, string? sql, CommandDeadline deadline, bool async)
    {
        var path = "/" + QueryStringEncoder.Encode(query);
        OwoxLog.SendingQuery(dataSource.Logger, query.Id, path);
        HttpResponseMessage response;
        deadline.BeginWait();
        try
        {
            response = await dataSource.Api.SendAsync(
                accessToken =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, accessToken!.Origin + path);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
                    return request;
                },
                dataSource.Tokens, context, async, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (deadline.IsStopped)
        {
            throw deadline.StopException(e, "waiting for the server to start streaming", query.Id, 0, null);
        }
        catch (OwoxException e) when (e.StatusCode == 400 && sql is not null)
        {
            throw WithSql(e, sql);
        }
        finally
        {
            deadline.EndWait();
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!string.Equals(mediaType, "application/x-ndjson", StringComparison.OrdinalIgnoreCase))
        {
            response.Dispose();
            throw new OwoxException(
                $"{context.Operation} failed: the server answered 200 with content type '{mediaType ?? "none"}' instead of application/x-ndjson — " +
                "probably a proxy or login page, not the OWOX API. Check the origin inside the key or the 'Api Origin' keyword.",
                null, 200, OwoxErrorCodes.UnexpectedContentType, null, isTransient: false)
            { DataMartId = query.Id, RequestId = context.RequestId };
        }
        return response;
    }

    /// <summary>
    /// The FROM target of a SELECT is a data-mart id or, quoted, its title: an id the server knows is used as is;
    /// otherwise the one data mart whose title matches (exactly, then ignoring case) is used.
    /// </summary>
    internal static async ValueTask<string> ResolveDataMartIdAsync(OwoxDataSource dataSource, string source, bool async, System.Threading.CancellationToken cancellationToken)
    {
        try
        {
            await dataSource.GetSchemaAsync(source, async, cancellationToken).ConfigureAwait(false);
            return source;
        }
        catch (OwoxException e) when (e.StatusCode == 404)
        {
            var marts = await dataSource.ListDataMartsAsync(async, cancellationToken).ConfigureAwait(false);
            var exact = marts.Where(m => string.Equals(m.Title, source, StringComparison.Ordinal)).ToList();
            var matches = exact.Count > 0 ? exact : marts.Where(m => string.Equals(m.Title, source, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 1)
                return matches[0].Id;
            if (matches.Count > 1)
            {
                throw new OwoxException(
                    $"FROM \"{source}\" matches {matches.Count} data marts by title ({string.Join(", ", matches.Select(m => m.Id))}); use the data mart's id instead.");
            }
            throw;
        }
    }

    /// <summary>A server refusal of a translated SELECT, with the SQL it was translated from (the server only sees API parameters).</summary>
    private static OwoxException WithSql(OwoxException e, string sql)
    {
        sql = sql.Trim();
        if (sql.Length > 300)
            sql = sql.Substring(0, 300) + "…";
        return new OwoxException($"{e.Message} The request was translated from: {sql}", e, e.StatusCode, e.Code, e.Details, e.IsTransient)
        {
            DataMartId = e.DataMartId,
            RequestId = e.RequestId,
        };
    }
}
