namespace Blind28.ViolinAuction.Catalogue;

public sealed record Instrument(string LotNumber, string Maker, int Year, string Description, decimal LowEstimate, decimal HighEstimate);

public sealed class LotWithdrawnEventArgs : EventArgs
{
    public LotWithdrawnEventArgs(string lotNumber, string reason)
    {
        LotNumber = lotNumber;
        Reason = reason;
    }

    public string LotNumber { get; }
    public string Reason { get; }
}

/// <summary>
/// Sale catalogue for the spring sale of fine violins, violas and cellos. Shared by the
/// cataloguers' editing screens, the provenance checker and the public viewing site.
/// </summary>
public sealed class SaleCatalogue
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, Instrument> _lots = new(StringComparer.Ordinal);
    private readonly HashSet<string> _withdrawn = new(StringComparer.Ordinal);
    private int _revision;

    public event EventHandler<LotWithdrawnEventArgs>? LotWithdrawn;

    public void Upsert(Instrument instrument)
    {
        lock (_gate)
        {
            _lots[instrument.LotNumber] = instrument;
            _withdrawn.Remove(instrument.LotNumber);
            _revision++;
        }
    }

    public bool Withdraw(string lotNumber, string reason)
    {
        lock (_gate)
        {
            if (!_lots.ContainsKey(lotNumber) || !_withdrawn.Add(lotNumber))
            {
                return false;
            }

            _revision++;
        }

        LotWithdrawn?.Invoke(this, new LotWithdrawnEventArgs(lotNumber, reason));
        return true;
    }

    public (int Revision, IReadOnlyList<Instrument> Lots) Snapshot()
    {
        lock (_gate)
        {
            var visible = _lots.Values.Where(l => !_withdrawn.Contains(l.LotNumber)).ToList();
            return (_revision, visible);
        }
    }

    public decimal TotalLowEstimate()
    {
        lock (_gate)
        {
            return _lots.Values.Where(l => !_withdrawn.Contains(l.LotNumber)).Sum(l => l.LowEstimate);
        }
    }
}

/// <summary>Checks each lot against the stolen-instrument register in the background.</summary>
public sealed class ProvenanceChecker
{
    private readonly SaleCatalogue _catalogue;
    private readonly Func<Instrument, Task<bool>> _isFlagged;

    public ProvenanceChecker(SaleCatalogue catalogue, Func<Instrument, Task<bool>> isFlagged)
    {
        _catalogue = catalogue;
        _isFlagged = isFlagged;
    }

    public Task<int> CheckAllAsync()
    {
        return Task.Run(async () =>
        {
            var (_, lots) = _catalogue.Snapshot();
            var withdrawn = 0;
            foreach (var lot in lots)
            {
                if (await _isFlagged(lot) && _catalogue.Withdraw(lot.LotNumber, "Provenance query"))
                {
                    withdrawn++;
                }
            }

            return withdrawn;
        });
    }
}
