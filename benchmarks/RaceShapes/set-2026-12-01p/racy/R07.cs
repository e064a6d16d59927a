using System;
using System.Collections.Generic;
using System.Linq;

namespace Blind16.OrganDonor.Matching;

public enum BloodGroup { O, A, B, AB }

public sealed record DonorProfile(string DonorId, BloodGroup Group, string[] HlaAntigens, string Region);

public sealed record Recipient(string RecipientId, BloodGroup Group, string[] HlaAntigens, string Region, int UrgencyScore);

public sealed record MatchCandidate(string DonorId, int AntigenMatches, bool SameRegion);

public interface IDonorRegistry
{
    IEnumerable<DonorProfile> LoadActiveDonors();
}

/// <summary>
/// Finds compatible donors for a recipient. One instance is shared by the matching
/// API; each incoming match request calls <see cref="FindMatches"/>.
/// </summary>
public sealed class DonorCompatibilityIndex
{
    private readonly IDonorRegistry _registry;
    private readonly object _loadLock = new();
    private List<DonorProfile>? _donors;

    public DonorCompatibilityIndex(IDonorRegistry registry) => _registry = registry;

    private List<DonorProfile> Donors
    {
        get
        {
            var donors = _donors;
            if (donors is not null)
            {
                return donors;
            }

            lock (_loadLock)
            {
                if (_donors is null)
                {
                    _donors = new List<DonorProfile>();
                    foreach (var donor in _registry.LoadActiveDonors())
                    {
                        _donors.Add(donor);
                    }
                }

                return _donors;
            }
        }
    }

    public IReadOnlyList<MatchCandidate> FindMatches(Recipient recipient, int max = 10)
    {
        var candidates = new List<MatchCandidate>();

        foreach (var donor in Donors)
        {
            if (!IsAboCompatible(donor.Group, recipient.Group))
            {
                continue;
            }

            var matches = donor.HlaAntigens.Intersect(recipient.HlaAntigens, StringComparer.Ordinal).Count();
            candidates.Add(new MatchCandidate(donor.DonorId, matches, donor.Region == recipient.Region));
        }

        return candidates
            .OrderByDescending(c => c.AntigenMatches)
            .ThenByDescending(c => c.SameRegion)
            .Take(max)
            .ToList();
    }

    private static bool IsAboCompatible(BloodGroup donor, BloodGroup recipient) => donor switch
    {
        BloodGroup.O => true,
        BloodGroup.A => recipient is BloodGroup.A or BloodGroup.AB,
        BloodGroup.B => recipient is BloodGroup.B or BloodGroup.AB,
        BloodGroup.AB => recipient == BloodGroup.AB,
        _ => false,
    };
}
