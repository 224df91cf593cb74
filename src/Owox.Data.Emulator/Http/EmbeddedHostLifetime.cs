using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Owox.Data.Emulator.Http;

/// <summary>
/// A host lifetime that ignores console signals: an emulator embedded in a test process must not react to that
/// process's Ctrl+C/SIGTERM (the command-line program handles signals itself).
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
