namespace Blind43.LanternFestival.Permits;

public sealed record LanternPermit(string Number, string Applicant, string LaunchSite, DateOnly Night);

public interface IPermitRepository
{
    void Save(LanternPermit permit);
}

/// <summary>
/// Issues sky-lantern launch permits for the festival. Registered as a scoped service, so
/// each HTTP request gets its own instance; permit numbers must be unique across the festival.
/// </summary>
public sealed class LanternPermitService
{
    // Shared by every instance so that numbers stay unique for the whole festival.
    private static readonly Dictionary<string, int> NextSequenceBySite = new(StringComparer.OrdinalIgnoreCase);

    private readonly object _gate = new();
    private readonly IPermitRepository _repository;
    private readonly List<LanternPermit> _issuedThisRequest = new();

    public LanternPermitService(IPermitRepository repository) => _repository = repository;

    public LanternPermit Issue(string applicant, string launchSite, DateOnly night)
    {
        if (string.IsNullOrWhiteSpace(applicant))
        {
            throw new ArgumentException("Applicant is required.", nameof(applicant));
        }

        int sequence;
        lock (_gate)
        {
            NextSequenceBySite.TryGetValue(launchSite, out sequence);
            sequence++;
            NextSequenceBySite[launchSite] = sequence;
        }

        var permit = new LanternPermit($"{launchSite.ToUpperInvariant()}-{night:MMdd}-{sequence:D4}", applicant, launchSite, night);
        _repository.Save(permit);
        _issuedThisRequest.Add(permit);
        return permit;
    }

    public IReadOnlyList<LanternPermit> IssuedThisRequest => _issuedThisRequest;

    public static int IssuedAtSite(string launchSite)
    {
        lock (NextSequenceBySite)
        {
            return NextSequenceBySite.GetValueOrDefault(launchSite);
        }
    }
}

/// <summary>Minimal-API style endpoint handler; a new service is resolved per request.</summary>
public static class PermitEndpoints
{
    public static LanternPermit Post(LanternPermitService service, PermitRequest request) =>
        service.Issue(request.Applicant, request.LaunchSite, request.Night);
}

public sealed record PermitRequest(string Applicant, string LaunchSite, DateOnly Night);
