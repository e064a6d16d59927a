using System;
using System.Collections.Generic;
using System.Threading;

namespace Blind16.Aquarium.Dosing;

public sealed record DosingProfile(string TankId, double CalciumMlPerHour, double AlkalinityMlPerHour, bool Paused);

/// <summary>
/// Reef tank dosing pump profiles. Shared by the dosing pump drivers (which read their
/// profile every pump cycle) and the aquarist's tablet app (which edits profiles).
/// </summary>
public sealed class DosingProfileStore : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, DosingProfile> _profiles = new(StringComparer.OrdinalIgnoreCase);

    public DosingProfile? Get(string tankId)
    {
        _lock.EnterReadLock();
        try
        {
            return _profiles.TryGetValue(tankId, out var p) ? p : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Save(DosingProfile profile)
    {
        _lock.EnterWriteLock();
        try
        {
            _profiles[profile.TankId] = profile;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Scales calcium dosing after a test result. Only upgrades to a write lock when a change is needed.
    /// </summary>
    public bool ScaleCalcium(string tankId, double factor)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_profiles.TryGetValue(tankId, out var current) || current.Paused || Math.Abs(factor - 1.0) < 0.01)
            {
                return false;
            }

            _lock.EnterWriteLock();
            try
            {
                _profiles[tankId] = current with { CalciumMlPerHour = Math.Round(current.CalciumMlPerHour * factor, 2) };
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            return true;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public IReadOnlyList<DosingProfile> All()
    {
        _lock.EnterReadLock();
        try
        {
            return new List<DosingProfile>(_profiles.Values);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
