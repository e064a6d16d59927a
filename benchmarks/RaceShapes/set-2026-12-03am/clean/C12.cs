using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.Glassblowers.Annealing;

public sealed record AnnealingOutcome(string PieceId, double FinalCelsius, bool StressFree);

/// <summary>
/// One piece's annealing cycle in the lehr. The studio tablet awaits the outcome while
/// the kiln controller reports the end of the cooling curve from its own thread.
/// </summary>
public sealed class AnnealingCycle
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _finishing;
    private double _finalCelsius;
    private bool _stressFree;

    public AnnealingCycle(string pieceId) => PieceId = pieceId;

    public string PieceId { get; }

    public void Finish(double finalCelsius, double polariscopeFringes)
    {
        if (Interlocked.Exchange(ref _finishing, 1) != 0)
            throw new InvalidOperationException($"Cycle for {PieceId} already finished.");

        _finalCelsius = finalCelsius;
        _stressFree = polariscopeFringes < 0.5;
        _finished.SetResult();
    }

    public async Task<AnnealingOutcome> WaitAsync(CancellationToken ct)
    {
        await _finished.Task.WaitAsync(ct).ConfigureAwait(false);
        return new AnnealingOutcome(PieceId, _finalCelsius, _stressFree);
    }
}

/// <summary>The studio's view of every piece currently in the lehr.</summary>
public sealed class LehrBoard
{
    private readonly object _gate = new();
    private readonly Dictionary<string, AnnealingCycle> _cycles = new(StringComparer.Ordinal);

    public AnnealingCycle Load(string pieceId)
    {
        lock (_gate)
        {
            if (!_cycles.TryGetValue(pieceId, out var cycle))
            {
                cycle = new AnnealingCycle(pieceId);
                _cycles.Add(pieceId, cycle);
            }
            return cycle;
        }
    }

    public async Task<IReadOnlyList<AnnealingOutcome>> WaitForAllAsync(CancellationToken ct)
    {
        AnnealingCycle[] cycles;
        lock (_gate)
        {
            cycles = _cycles.Values.ToArray();
        }

        return await Task.WhenAll(cycles.Select(c => c.WaitAsync(ct)));
    }
}
