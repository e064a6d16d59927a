using System.Collections.Generic;

namespace Blind63.OrganBuilders.Voicing;

public sealed record PipeVoicing(string Rank, int Note, double CutUpMm, double WindPressureMm);

/// <summary>
/// Workshop-wide register of voicing adjustments. One instance is shared by the
/// voicing bench tablets (which add and revise entries) and the export job
/// (which removes entries once they are written to the organ's ledger).
/// </summary>
public sealed class VoicingRegister
{
    private readonly Dictionary<(string Rank, int Note), PipeVoicing> _entries = new();
    private readonly object _benchLock = new();
    private readonly object _exportLock = new();

    public void Record(PipeVoicing voicing)
    {
        lock (_benchLock)
        {
            _entries[(voicing.Rank, voicing.Note)] = voicing;
        }
    }

    public bool TryGet(string rank, int note, out PipeVoicing? voicing)
    {
        lock (_benchLock)
        {
            return _entries.TryGetValue((rank, note), out voicing);
        }
    }

    /// <summary>
    /// Takes every entry for the given rank out of the register so that the
    /// export job can write it to the ledger.
    /// </summary>
    public List<PipeVoicing> TakeRank(string rank)
    {
        var taken = new List<PipeVoicing>();
        lock (_exportLock)
        {
            foreach (var key in _entries.Keys.Where(k => k.Rank == rank).ToList())
            {
                taken.Add(_entries[key]);
                _entries.Remove(key);
            }
        }
        return taken;
    }
}

public sealed class LedgerExportJob
{
    private readonly VoicingRegister _register;
    private readonly Action<PipeVoicing> _write;

    public LedgerExportJob(VoicingRegister register, Action<PipeVoicing> write)
    {
        _register = register;
        _write = write;
    }

    public Task RunAsync(IEnumerable<string> ranks, CancellationToken ct) =>
        Task.Run(() =>
        {
            foreach (var rank in ranks)
            {
                ct.ThrowIfCancellationRequested();
                foreach (var v in _register.TakeRank(rank))
                {
                    _write(v);
                }
            }
        }, ct);
}
