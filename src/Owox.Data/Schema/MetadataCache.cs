using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace Owox.Data.Schema;

/// <summary>
/// Metadata (schemas, report definitions) cached per id for a fixed lifetime. An answer the key may not read
/// (403, or the status named by <c>unreadable</c>) is cached as null, so the caller falls back to inference
/// without asking again on every command.
/// </summary>
internal sealed class MetadataCache<T>(TimeSpan lifetime)
    where T : class
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async ValueTask<T?> GetAsync(string id, Func<ValueTask<T?>> fetch, DateTimeOffset now, int unreadable = 403)
    {
        if (_entries.TryGetValue(id, out var cached) && now - cached.FetchedAt < lifetime)
            return cached.Value;
        T? value;
        try
        {
            value = await fetch().ConfigureAwait(false);
        }
        catch (OwoxException e) when (e.StatusCode == 403 || e.StatusCode == unreadable)
        {
            value = null;
        }
        _entries[id] = new Entry(value, now);
        return value;
    }

    private sealed class Entry(T? value, DateTimeOffset fetchedAt)
    {
        public T? Value { get; } = value;

        public DateTimeOffset FetchedAt { get; } = fetchedAt;
    }
}
