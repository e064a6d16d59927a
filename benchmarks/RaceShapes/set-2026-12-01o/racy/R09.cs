namespace Shipping.Stowage.Planning;

public sealed record ContainerPlacement(string ContainerNumber, int Bay, int Row, int Tier, double MassTonnes, double VerticalArmMetres);

/// <summary>
/// Running stowage plan for a vessel call. Shared by the planner workstation and
/// the crane feed threads that confirm each lift as it lands on board.
/// </summary>
public sealed class StowagePlan
{
    private readonly object _sync = new();
    private readonly Dictionary<string, ContainerPlacement> _placements = new(StringComparer.Ordinal);
    private double _totalMassTonnes;
    private double _verticalMomentTonneMetres;

    public StowagePlan(double lightshipMassTonnes, double lightshipKgMetres)
    {
        _totalMassTonnes = lightshipMassTonnes;
        _verticalMomentTonneMetres = lightshipMassTonnes * lightshipKgMetres;
    }

    /// <summary>Called by a crane feed thread when a container is confirmed on board.</summary>
    public void ConfirmLoaded(ContainerPlacement placement)
    {
        lock (_sync)
        {
            if (!_placements.TryAdd(placement.ContainerNumber, placement))
            {
                return;
            }

            _totalMassTonnes += placement.MassTonnes;
            _verticalMomentTonneMetres += placement.MassTonnes * placement.VerticalArmMetres;
        }
    }

    /// <summary>Called by a crane feed thread when a container is discharged.</summary>
    public void ConfirmDischarged(string containerNumber)
    {
        lock (_sync)
        {
            if (!_placements.Remove(containerNumber, out var placement))
            {
                return;
            }

            _totalMassTonnes -= placement.MassTonnes;
            _verticalMomentTonneMetres -= placement.MassTonnes * placement.VerticalArmMetres;
        }
    }

    /// <summary>Vertical centre of gravity above keel, shown on the stability panel.</summary>
    public double VerticalCentreOfGravity()
    {
        var moment = _verticalMomentTonneMetres;
        var mass = _totalMassTonnes;
        return mass <= 0 ? 0 : moment / mass;
    }

    public int ContainerCount
    {
        get
        {
            lock (_sync)
            {
                return _placements.Count;
            }
        }
    }
}

/// <summary>Consumes lift confirmations from one quay crane.</summary>
public sealed class CraneFeedListener
{
    private readonly StowagePlan _plan;
    private readonly Thread _thread;
    private readonly Func<ContainerPlacement?> _nextLift;

    public CraneFeedListener(StowagePlan plan, Func<ContainerPlacement?> nextLift, string craneId)
    {
        _plan = plan;
        _nextLift = nextLift;
        _thread = new Thread(Listen) { IsBackground = true, Name = $"crane-{craneId}" };
    }

    public void Start() => _thread.Start();

    private void Listen()
    {
        while (_nextLift() is { } lift)
        {
            _plan.ConfirmLoaded(lift);
        }
    }
}
