using System.Collections.Concurrent;

namespace Blind59.SheepdogTrials.Entries;

public sealed record TrialEntry(string HandlerName, string DogName, string Class, decimal Fee);
public sealed record EntryReceipt(Guid EntryId, int RunOrder, DateTime AcceptedAt);

/// <summary>
/// Ensures each entry submitted from the trial's online form is processed once, even
/// when the handler's phone retries on a poor signal. Keys are the form's idempotency
/// token. Shared by all requests.
/// </summary>
public sealed class EntryIdempotencyGuard
{
    private readonly ConcurrentDictionary<string, Lazy<Task<EntryReceipt>>> _results = new(StringComparer.Ordinal);

    public Task<EntryReceipt> RunOnceAsync(string key, Func<Task<EntryReceipt>> process)
    {
        var lazy = _results.GetOrAdd(
            key,
            _ => new Lazy<Task<EntryReceipt>>(process, LazyThreadSafetyMode.ExecutionAndPublication));

        return AwaitAndForgetFailuresAsync(key, lazy);
    }

    private async Task<EntryReceipt> AwaitAndForgetFailuresAsync(string key, Lazy<Task<EntryReceipt>> lazy)
    {
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            // Let the handler try again with the same key after a failure.
            _results.TryRemove(new KeyValuePair<string, Lazy<Task<EntryReceipt>>>(key, lazy));
            throw;
        }
    }

    public int Count => _results.Count;
}

/// <summary>
/// Allocates running order for each class at the trial.
/// </summary>
public sealed class RunOrderBook
{
    private readonly ConcurrentDictionary<string, int> _nextRun = new(StringComparer.OrdinalIgnoreCase);

    public int Allocate(string trialClass) =>
        _nextRun.AddOrUpdate(trialClass, 1, (_, previous) => previous + 1);
}

public sealed class EntryService
{
    private readonly EntryIdempotencyGuard _guard;
    private readonly RunOrderBook _runOrder;
    private readonly Func<TrialEntry, Guid, CancellationToken, Task> _save;

    public EntryService(EntryIdempotencyGuard guard, RunOrderBook runOrder, Func<TrialEntry, Guid, CancellationToken, Task> save)
    {
        _guard = guard;
        _runOrder = runOrder;
        _save = save;
    }

    public Task<EntryReceipt> SubmitAsync(string idempotencyKey, TrialEntry entry, CancellationToken ct) =>
        _guard.RunOnceAsync(idempotencyKey, async () =>
        {
            var id = Guid.NewGuid();
            await _save(entry, id, ct).ConfigureAwait(false);
            return new EntryReceipt(id, _runOrder.Allocate(entry.Class), DateTime.UtcNow);
        });
}
