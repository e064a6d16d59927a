namespace Blind43.KelpFarm.Harvest;

public sealed record LineHarvest(string LineId, double WetKg);

public interface IHarvestBoat
{
    Task<LineHarvest> HaulLineAsync(string lineId, CancellationToken ct);
}

/// <summary>
/// Runs one harvest trip over the farm's long-lines. The skipper can call the trip off from the
/// wheelhouse (weather), and every trip has an overall time limit tied to the tide.
/// </summary>
public sealed class HarvestTrip
{
    private readonly object _gate = new();
    private readonly List<LineHarvest> _hauled = new();
    private readonly IHarvestBoat _boat;
    private string _outcome = "not started";

    public HarvestTrip(IHarvestBoat boat) => _boat = boat;

    public string Outcome
    {
        get { lock (_gate) { return _outcome; } }
    }

    public async Task<IReadOnlyList<LineHarvest>> RunAsync(IReadOnlyList<string> lineIds, TimeSpan tideWindow, CancellationToken skipperToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(skipperToken);
        cts.CancelAfter(tideWindow);

        lock (_gate)
        {
            _outcome = "hauling";
        }

        using (cts.Token.Register(() =>
        {
            lock (_gate)
            {
                _outcome = skipperToken.IsCancellationRequested ? "called off" : "tide window closed";
            }
        }))
        {
            foreach (var lineId in lineIds)
            {
                if (cts.IsCancellationRequested)
                {
                    break;
                }

                try
                {
                    var haul = await _boat.HaulLineAsync(lineId, cts.Token).ConfigureAwait(false);
                    lock (_gate)
                    {
                        _hauled.Add(haul);
                    }
                }
                catch (OperationCanceledException) when (cts.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        lock (_gate)
        {
            if (_outcome == "hauling")
            {
                _outcome = "complete";
            }

            return _hauled.ToArray();
        }
    }

    public double TotalWetKg()
    {
        lock (_gate)
        {
            return _hauled.Sum(h => h.WetKg);
        }
    }
}
