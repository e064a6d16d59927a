using System.Collections.Concurrent;

namespace Hospital.Beds.Allocation;

public enum BedStatus
{
    Free,
    Occupied,
    Cleaning,
    Blocked,
}

public sealed class Bed
{
    public Bed(string bedId, string wardCode)
    {
        BedId = bedId;
        WardCode = wardCode;
    }

    public string BedId { get; }
    public string WardCode { get; }
    public BedStatus Status { get; set; } = BedStatus.Free;
    public string? PatientId { get; set; }
    public DateTimeOffset? StatusSince { get; set; }
}

/// <summary>
/// Keeps the live bed board for the hospital. Registered as a singleton; the
/// admissions, discharge and housekeeping endpoints call into it concurrently.
/// </summary>
public sealed class BedAllocationService
{
    private readonly ConcurrentDictionary<string, Bed> _beds = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _clock;

    public BedAllocationService(TimeProvider clock, IEnumerable<Bed> beds)
    {
        _clock = clock;
        foreach (var bed in beds)
        {
            _beds[bed.BedId] = bed;
        }
    }

    /// <summary>Assigns the first free bed on the ward to the patient.</summary>
    public string? Admit(string wardCode, string patientId)
    {
        foreach (var bed in _beds.Values.OrderBy(b => b.BedId, StringComparer.Ordinal))
        {
            if (bed.WardCode != wardCode || bed.Status != BedStatus.Free)
            {
                continue;
            }

            bed.Status = BedStatus.Occupied;
            bed.PatientId = patientId;
            bed.StatusSince = _clock.GetUtcNow();
            return bed.BedId;
        }

        return null;
    }

    public bool Discharge(string bedId)
    {
        if (!_beds.TryGetValue(bedId, out var bed))
        {
            return false;
        }

        bed.PatientId = null;
        bed.Status = BedStatus.Cleaning;
        bed.StatusSince = _clock.GetUtcNow();
        return true;
    }

    public bool MarkCleaned(string bedId)
    {
        if (!_beds.TryGetValue(bedId, out var bed) || bed.Status != BedStatus.Cleaning)
        {
            return false;
        }

        bed.Status = BedStatus.Free;
        bed.StatusSince = _clock.GetUtcNow();
        return true;
    }

    public int CountFree(string wardCode) =>
        _beds.Values.Count(b => b.WardCode == wardCode && b.Status == BedStatus.Free);
}
