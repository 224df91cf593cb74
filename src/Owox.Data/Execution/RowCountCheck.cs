using System;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Query;

namespace Owox.Data.Execution;

/// <summary>
/// <c>Verify Row Count=true</c>: after a stream ended cleanly, compares the rows received with the run the server
/// recorded for the response's <c>x-owox-run-id</c> (wire-protocol §3.10, §3.12). The server saves a successful run
/// before it ends the body, so the record is there as soon as the end arrives. A difference, or a run that did not
/// succeed, is <see cref="OwoxErrorCodes.RowCountMismatch"/>; a record that cannot be read is
/// <see cref="OwoxErrorCodes.RowCountUnverified"/>, because a check that was asked for must not pass by default.
/// </summary>
/// <param name="dataSource">Where the run record is read.</param>
/// <param name="target">A data mart, or a report (whose runs belong to its data mart).</param>
/// <param name="id">The data mart or report streamed.</param>
/// <param name="reportDataMartId">A report's data mart when its definition was read already; otherwise read when needed.</param>
internal sealed class RowCountCheck(OwoxDataSource dataSource, QueryTarget target, string id, string? reportDataMartId)
{
    public async ValueTask VerifyAsync(string? runId, long received, bool async, CancellationToken cancellationToken)
    {
        var subject = target == QueryTarget.Report ? $"report '{id}'" : $"data mart '{id}'";
        if (runId is null)
            throw Unverified($"the response of {subject} carried no x-owox-run-id header", received, null, null);
        var martId = target == QueryTarget.Report ? reportDataMartId : id;
        StreamRun run;
        try
        {
            if (martId is null)
                martId = (await dataSource.GetReportAsync(id, async, cancellationToken).ConfigureAwait(false))?.DataMartId;
            if (martId is null)
                throw Unverified($"the definition of {subject}, which names the data mart its runs belong to, could not be read", received, runId, null);
            run = await dataSource.GetRunAsync(martId, runId, async, cancellationToken).ConfigureAwait(false);
        }
        catch (OwoxException e) when (e.Code is not OwoxErrorCodes.RowCountUnverified)
        {
            throw Unverified($"its run record could not be read ({e.Message})", received, runId, e);
        }

        if (run.Succeeded && run.RowCount == received)
            return;
        var recorded = run.RowCount is long rows ? $"{rows:N0} rows" : "no row count";
        var state = run.Succeeded ? "succeeded" : $"ended {run.Status}{(run.Completed ? string.Empty : ", not completed")}";
        var errors = run.Errors.Count > 0 ? $" The run's errors: {string.Join("; ", run.Errors)}." : string.Empty;
        throw new OwoxException(
            $"The stream of {subject} ended cleanly after {received:N0} rows, but the server's run {runId} {state} with {recorded}: " +
            $"the rows received are not the whole result.{errors} Run the command again (it re-runs the query).",
            null, null, OwoxErrorCodes.RowCountMismatch, null, isTransient: true)
        { DataMartId = id, RunId = runId, RowsRead = received };

        OwoxException Unverified(string why, long rows, string? run, Exception? cause) => new(
            $"The stream of {subject} ended cleanly after {rows:N0} rows, but 'Verify Row Count' could not check them: {why}. " +
            "Give the key read access to the data mart's runs, or turn 'Verify Row Count' off to accept the rows unchecked.",
            cause, null, OwoxErrorCodes.RowCountUnverified, null, isTransient: false)
        { DataMartId = id, RunId = run, RowsRead = rows };
    }
}
