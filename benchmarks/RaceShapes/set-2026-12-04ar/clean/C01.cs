namespace Blind44.CanalLocks.Chamber;

public enum ChamberLevel { Low, Filling, High, Emptying }

public sealed record ChamberStatus(ChamberLevel Level, int BoatsInside, DateTime ChangedUtc);

public interface ISluiceValves
{
    Task CloseAllAsync(CancellationToken ct);
    Task OpenUpperPaddlesAsync(CancellationToken ct);
    Task OpenLowerPaddlesAsync(CancellationToken ct);
}

/// <summary>
/// Operates one canal lock chamber. The lock-keeper's console, the boat detector on the
/// approach pontoons and the remote control app all call it at the same time.
/// </summary>
public sealed class ChamberOperator
{
    private readonly SemaphoreSlim _operation = new(1, 1);
    private readonly ISluiceValves _valves;
    private ChamberStatus _status = new(ChamberLevel.Low, 0, DateTime.UtcNow);

    public ChamberOperator(ISluiceValves valves) => _valves = valves;

    /// <summary>Latest status for dashboards.</summary>
    public ChamberStatus Status => Volatile.Read(ref _status);

    public async Task<bool> RaiseAsync(CancellationToken ct)
    {
        await _operation.WaitAsync(ct);
        try
        {
            if (_status.Level != ChamberLevel.Low)
                return false;

            Publish(_status with { Level = ChamberLevel.Filling, ChangedUtc = DateTime.UtcNow });
            await _valves.CloseAllAsync(ct);
            await _valves.OpenUpperPaddlesAsync(ct);
            await Task.Delay(TimeSpan.FromMinutes(4), ct);
            Publish(_status with { Level = ChamberLevel.High, ChangedUtc = DateTime.UtcNow });
            return true;
        }
        finally
        {
            _operation.Release();
        }
    }

    public async Task<bool> LowerAsync(CancellationToken ct)
    {
        await _operation.WaitAsync(ct);
        try
        {
            if (_status.Level != ChamberLevel.High)
                return false;

            Publish(_status with { Level = ChamberLevel.Emptying, ChangedUtc = DateTime.UtcNow });
            await _valves.CloseAllAsync(ct);
            await _valves.OpenLowerPaddlesAsync(ct);
            await Task.Delay(TimeSpan.FromMinutes(4), ct);
            Publish(_status with { Level = ChamberLevel.Low, ChangedUtc = DateTime.UtcNow });
            return true;
        }
        finally
        {
            _operation.Release();
        }
    }

    public async Task<bool> BoatEntersAsync(int maxBoats, CancellationToken ct)
    {
        await _operation.WaitAsync(ct);
        try
        {
            var current = _status;
            if (current.Level is ChamberLevel.Filling or ChamberLevel.Emptying || current.BoatsInside >= maxBoats)
                return false;
            Publish(current with { BoatsInside = current.BoatsInside + 1 });
            return true;
        }
        finally
        {
            _operation.Release();
        }
    }

    public async Task BoatLeavesAsync(CancellationToken ct)
    {
        await _operation.WaitAsync(ct);
        try
        {
            var current = _status;
            if (current.BoatsInside > 0)
                Publish(current with { BoatsInside = current.BoatsInside - 1 });
        }
        finally
        {
            _operation.Release();
        }
    }

    private void Publish(ChamberStatus status) => Volatile.Write(ref _status, status);
}
