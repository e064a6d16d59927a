using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Herbarium.Sheets;

public sealed record SheetRecord(string SheetId, string Taxon, ImmutableList<string> Notes, int Revision);

public interface ISheetStore
{
    Task<SheetRecord> LoadAsync(string sheetId, CancellationToken ct);
    Task SaveAsync(SheetRecord record, CancellationToken ct);
}

/// <summary>
/// Catalog of mounted herbarium sheets. Registered as a singleton; curators'
/// annotation requests arrive concurrently from the web front end.
/// Edits to the same sheet are serialised by a per-sheet gate.
/// </summary>
public sealed class SheetCatalog
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _sheetGates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SheetRecord> _recent = new(StringComparer.Ordinal);
    private readonly ISheetStore _store;

    public SheetCatalog(ISheetStore store) => _store = store;

    private SemaphoreSlim GateFor(string sheetId) =>
        _sheetGates.GetOrAdd(sheetId, _ => new SemaphoreSlim(1, 1));

    public async Task<SheetRecord> AnnotateAsync(string sheetId, string note, CancellationToken ct)
    {
        var gate = GateFor(sheetId);
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = await _store.LoadAsync(sheetId, ct).ConfigureAwait(false);
            var updated = current with
            {
                Notes = current.Notes.Add(note),
                Revision = current.Revision + 1,
            };

            await _store.SaveAsync(updated, ct).ConfigureAwait(false);
            _recent[sheetId] = updated;
            return updated;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<SheetRecord> GetAsync(string sheetId, CancellationToken ct)
    {
        var gate = GateFor(sheetId);
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_recent.TryGetValue(sheetId, out var cached))
            {
                return cached;
            }

            var loaded = await _store.LoadAsync(sheetId, ct).ConfigureAwait(false);
            _recent[sheetId] = loaded;
            return loaded;
        }
        finally
        {
            gate.Release();
        }
    }
}
