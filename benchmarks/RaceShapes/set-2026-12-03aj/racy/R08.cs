using System.Collections.Concurrent;

namespace Blind36.TruffleHunt.Coordination;

public sealed record Dog(string Name, string Handler, string Plot);

public sealed record TruffleFind(string DogName, string Plot, double Grams, bool IsBlackWinter);

public interface IHandlerApp
{
    Task<IReadOnlyList<TruffleFind>> CollectFindsAsync(Dog dog, CancellationToken ct);
}

public sealed record HuntSummary(double TotalGrams, IReadOnlyList<TruffleFind> Finds, int DogsReporting);

/// <summary>
/// Sends every dog team out to its plot for the morning hunt and totals up the
/// finds reported back through the handlers' phone app.
/// </summary>
public sealed class MorningHunt
{
    private readonly IHandlerApp _app;
    private readonly TimeSpan _huntLength;

    public MorningHunt(IHandlerApp app, TimeSpan huntLength)
    {
        _app = app;
        _huntLength = huntLength;
    }

    public async Task<HuntSummary> RunAsync(IReadOnlyList<Dog> dogs, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(_huntLength);

        var finds = new ConcurrentBag<TruffleFind>();
        double totalGrams = 0;
        int reporting = 0;

        var teams = dogs.Select(async dog =>
        {
            IReadOnlyList<TruffleFind> found;
            try
            {
                found = await _app.CollectFindsAsync(dog, cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            foreach (var f in found)
                finds.Add(f);

            totalGrams += found.Sum(f => f.Grams);
            Interlocked.Increment(ref reporting);
        });

        await Task.WhenAll(teams).ConfigureAwait(false);

        var ordered = finds.OrderByDescending(f => f.Grams).ToList();
        return new HuntSummary(Math.Round(totalGrams, 1), ordered, reporting);
    }
}
