using System.Collections.Immutable;

namespace Blind50.Falconry.Loans;

public sealed record BirdLoan(string BirdId, string Species, string Handler, DateOnly ReturnBy);

/// <summary>
/// Register of birds currently on loan from the falconry centre to handlers for displays.
/// Shared by the booking API, the flight-display scheduler and the keepers' tablet app, all of
/// which call it concurrently.
/// </summary>
public sealed class LoanRegister
{
    private ImmutableDictionary<string, BirdLoan> _loans = ImmutableDictionary<string, BirdLoan>.Empty;

    /// <summary>Records a loan; returns false if the bird is already out.</summary>
    public bool TryLend(BirdLoan loan)
    {
        return ImmutableInterlocked.TryAdd(ref _loans, loan.BirdId, loan);
    }

    public bool TryReturn(string birdId, out BirdLoan? loan)
    {
        var removed = ImmutableInterlocked.TryRemove(ref _loans, birdId, out var value);
        loan = removed ? value : null;
        return removed;
    }

    public void Extend(string birdId, DateOnly newReturnBy)
    {
        ImmutableInterlocked.Update(ref _loans, loans =>
            loans.TryGetValue(birdId, out var loan)
                ? loans.SetItem(birdId, loan with { ReturnBy = newReturnBy })
                : loans);
    }

    /// <summary>The birds currently out on loan, keyed by bird id.</summary>
    public ImmutableDictionary<string, BirdLoan> Current => Volatile.Read(ref _loans);

    public IReadOnlyList<BirdLoan> Overdue(DateOnly today) =>
        Current.Values.Where(l => l.ReturnBy < today).OrderBy(l => l.ReturnBy).ToList();
}

/// <summary>Plans the afternoon flight display from the birds that are at the centre.</summary>
public sealed class FlightDisplayPlanner
{
    private readonly LoanRegister _register;
    private readonly IReadOnlyList<string> _allBirds;

    public FlightDisplayPlanner(LoanRegister register, IReadOnlyList<string> allBirds)
    {
        _register = register;
        _allBirds = allBirds;
    }

    public async Task<IReadOnlyList<string>> PlanAsync(Func<string, Task<bool>> isFitToFly)
    {
        var loans = _register.Current;
        var available = _allBirds.Where(b => !loans.ContainsKey(b)).ToList();

        var fitness = await Task.WhenAll(available.Select(async bird => (bird, fit: await isFitToFly(bird))));

        var latest = _register.Current;
        return fitness.Where(f => f.fit && !latest.ContainsKey(f.bird)).Select(f => f.bird).ToList();
    }
}
