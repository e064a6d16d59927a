using System.Collections.Concurrent;

namespace PetAdoption.HomeChecks;

public sealed record HomeCheckRequest(string ApplicationId, string Address, string AnimalSpecies);

public sealed record HomeCheckOutcome(string ApplicationId, bool Approved, string Notes);

public interface IVolunteerVisitService
{
    Task<HomeCheckOutcome> VisitAsync(HomeCheckRequest request, CancellationToken ct);
}

/// <summary>
/// Runs the weekly batch of home checks, limited by how many volunteer
/// visitors are available at once.
/// </summary>
public sealed class HomeCheckBatch
{
    private readonly IVolunteerVisitService _visits;
    private readonly int _volunteers;

    public HomeCheckBatch(IVolunteerVisitService visits, int volunteers)
    {
        _visits = visits;
        _volunteers = volunteers;
    }

    public async Task<(IReadOnlyList<HomeCheckOutcome> Outcomes, int Failures)> RunAsync(
        IEnumerable<HomeCheckRequest> requests,
        IProgress<int>? progress,
        CancellationToken ct)
    {
        using var slots = new SemaphoreSlim(_volunteers, _volunteers);
        var outcomes = new ConcurrentBag<HomeCheckOutcome>();
        int failures = 0;
        int completed = 0;

        var work = requests.Select(async request =>
        {
            await slots.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                outcomes.Add(await _visits.VisitAsync(request, ct).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.Increment(ref failures);
            }
            finally
            {
                slots.Release();
                progress?.Report(Interlocked.Increment(ref completed));
            }
        }).ToList();

        await Task.WhenAll(work).ConfigureAwait(false);

        return (outcomes.OrderBy(o => o.ApplicationId).ToList(), Volatile.Read(ref failures));
    }
}

/// <summary>
/// Stub used in training sessions for new coordinators.
/// </summary>
public sealed class TrainingVisitService : IVolunteerVisitService
{
    public async Task<HomeCheckOutcome> VisitAsync(HomeCheckRequest request, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(50, 200)), ct).ConfigureAwait(false);
        var approved = !request.Address.Contains("flat", StringComparison.OrdinalIgnoreCase) || request.AnimalSpecies != "dog";
        return new HomeCheckOutcome(request.ApplicationId, approved, approved ? "Suitable" : "No outdoor space for a dog");
    }
}
