using System;
using System.Collections.Generic;
using System.Threading;

namespace Blind16.Aquarium.LifeSupport;

public sealed record TankSetpoints(string TankId, double TemperatureC, double Salinity, double DissolvedOxygenMgL);

/// <summary>
/// Current control setpoints for every exhibit tank. Shared by the per-tank control
/// loops (which read setpoints every second) and the operator console (which nudges
/// them up and down).
/// </summary>
public sealed class TankSetpointRegistry : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, TankSetpoints> _setpoints = new(StringComparer.OrdinalIgnoreCase);

    public void Register(TankSetpoints setpoints)
    {
        _lock.EnterWriteLock();
        try
        {
            _setpoints[setpoints.TankId] = setpoints;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public TankSetpoints? Get(string tankId)
    {
        _lock.EnterReadLock();
        try
        {
            return _setpoints.TryGetValue(tankId, out var sp) ? sp : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Adjusts the temperature setpoint by a small delta, clamped to the species-safe band.
    /// </summary>
    public double AdjustTemperature(string tankId, double deltaC, double minC = 18.0, double maxC = 29.0)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_setpoints.TryGetValue(tankId, out var current))
            {
                throw new KeyNotFoundException($"Tank '{tankId}' is not registered.");
            }

            var next = Math.Clamp(current.TemperatureC + deltaC, minC, maxC);
            _setpoints[tankId] = current with { TemperatureC = next };
            return next;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<TankSetpoints> All()
    {
        _lock.EnterReadLock();
        try
        {
            return new List<TankSetpoints>(_setpoints.Values);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
