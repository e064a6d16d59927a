using System.Collections.Concurrent;

namespace Blind22.TollBridge.Transponders;

public sealed record TransponderAccount(string TagId, string Plate, decimal Balance, bool Suspended);

public interface IAccountStore
{
    IReadOnlyDictionary<string, TransponderAccount> LoadAll();
    TransponderAccount? LoadOne(string tagId);
}

/// <summary>
/// Looks up transponder accounts as vehicles pass the gantry readers. One instance
/// serves all lanes; each lane's reader thread calls <see cref="Resolve"/>.
/// </summary>
public sealed class TagDirectory
{
    private readonly Lazy<IReadOnlyDictionary<string, TransponderAccount>> _bulk;
    private readonly ConcurrentDictionary<string, Lazy<TransponderAccount?>> _lateAdds = new();
    private readonly IAccountStore _store;

    public TagDirectory(IAccountStore store)
    {
        _store = store;
        _bulk = new Lazy<IReadOnlyDictionary<string, TransponderAccount>>(
            store.LoadAll, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public TransponderAccount? Resolve(string tagId)
    {
        if (_bulk.Value.TryGetValue(tagId, out var account))
        {
            return account;
        }

        var lazy = _lateAdds.GetOrAdd(tagId,
            id => new Lazy<TransponderAccount?>(() => _store.LoadOne(id), LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value;
    }
}

/// <summary>
/// Processes reads from one lane's gantry antenna.
/// </summary>
public sealed class LaneReader
{
    private readonly TagDirectory _directory;
    private readonly string _laneId;
    private long _unknownTags;
    private long _charged;

    public LaneReader(TagDirectory directory, string laneId)
    {
        _directory = directory;
        _laneId = laneId;
    }

    public long UnknownTags => Interlocked.Read(ref _unknownTags);

    public long Charged => Interlocked.Read(ref _charged);

    public void Run(IEnumerable<string> tagReads, Action<string, string> charge, CancellationToken ct)
    {
        foreach (var tag in tagReads)
        {
            ct.ThrowIfCancellationRequested();
            var account = _directory.Resolve(tag);
            if (account is null || account.Suspended)
            {
                Interlocked.Increment(ref _unknownTags);
                continue;
            }
            charge(_laneId, account.TagId);
            Interlocked.Increment(ref _charged);
        }
    }
}
