using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Blind16.OrganDonor.Transport;

public sealed record TransplantCentre(string CentreId, string Name, double Latitude, double Longitude, string[] Organs);

public interface ICentreDirectory
{
    IEnumerable<TransplantCentre> LoadAll();
}

/// <summary>
/// Lookup of transplant centres and the organs they accept, loaded once on first use.
/// Shared by the matching API and the courier scheduling service.
/// </summary>
public sealed class CentreLookup
{
    private readonly Lazy<FrozenDictionary<string, TransplantCentre>> _byId;
    private readonly Lazy<FrozenDictionary<string, TransplantCentre[]>> _byOrgan;

    public CentreLookup(ICentreDirectory directory)
    {
        _byId = new Lazy<FrozenDictionary<string, TransplantCentre>>(
            () => directory.LoadAll().ToFrozenDictionary(c => c.CentreId, StringComparer.OrdinalIgnoreCase),
            LazyThreadSafetyMode.ExecutionAndPublication);

        _byOrgan = new Lazy<FrozenDictionary<string, TransplantCentre[]>>(
            () => _byId.Value.Values
                .SelectMany(c => c.Organs.Select(o => (Organ: o, Centre: c)))
                .GroupBy(x => x.Organ, StringComparer.OrdinalIgnoreCase)
                .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Centre).ToArray(), StringComparer.OrdinalIgnoreCase),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public TransplantCentre? Find(string centreId) =>
        _byId.Value.TryGetValue(centreId, out var centre) ? centre : null;

    /// <summary>
    /// Centres accepting the organ, nearest first, for courier planning.
    /// </summary>
    public IReadOnlyList<TransplantCentre> AcceptingNearest(string organ, double latitude, double longitude, int max = 5)
    {
        if (!_byOrgan.Value.TryGetValue(organ, out var centres))
        {
            return Array.Empty<TransplantCentre>();
        }

        return centres
            .OrderBy(c => DistanceSquared(c.Latitude, c.Longitude, latitude, longitude))
            .Take(max)
            .ToList();
    }

    public int CentreCount => _byId.Value.Count;

    private static double DistanceSquared(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = lat1 - lat2;
        var dLon = (lon1 - lon2) * Math.Cos((lat1 + lat2) / 2 * Math.PI / 180);
        return dLat * dLat + dLon * dLon;
    }
}
