using System.Net.Http.Json;

namespace Blind59.SheepdogTrials.Registry;

public sealed record DogRecord(string RegistrationNumber, string Name, string Sire, string Dam, int TrialPoints);

/// <summary>
/// Looks up dogs in the national sheepdog society's stud book. When the scribe's
/// laptop and the results board ask for the same dog at the same moment, only one call
/// goes to the society's API and both get the answer. Shared by the whole trial app.
/// </summary>
public sealed class StudBookLookup
{
    private readonly HttpClient _http;
    private readonly object _gate = new();
    private readonly Dictionary<string, TaskCompletionSource<DogRecord?>> _pending = new(StringComparer.OrdinalIgnoreCase);

    public StudBookLookup(HttpClient http) => _http = http;

    public Task<DogRecord?> FindAsync(string registrationNumber)
    {
        TaskCompletionSource<DogRecord?> tcs;
        bool owner = false;

        lock (_gate)
        {
            if (!_pending.TryGetValue(registrationNumber, out tcs!))
            {
                tcs = new TaskCompletionSource<DogRecord?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending.Add(registrationNumber, tcs);
                owner = true;
            }
        }

        if (owner)
        {
            _ = FetchAndCompleteAsync(registrationNumber, tcs);
        }

        return tcs.Task;
    }

    private async Task FetchAndCompleteAsync(string registrationNumber, TaskCompletionSource<DogRecord?> tcs)
    {
        try
        {
            using var response = await _http.GetAsync($"studbook/{Uri.EscapeDataString(registrationNumber)}").ConfigureAwait(false);
            DogRecord? record = response.StatusCode == System.Net.HttpStatusCode.NotFound
                ? null
                : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<DogRecord>().ConfigureAwait(false);
            tcs.TrySetResult(record);
        }
        catch (Exception ex)
        {
            tcs.TrySetException(ex);
        }
        finally
        {
            lock (_gate)
            {
                _pending.Remove(registrationNumber);
            }
        }
    }
}

/// <summary>
/// Fills in pedigree details on the running order sheet.
/// </summary>
public sealed class RunningOrderSheet
{
    private readonly StudBookLookup _studBook;

    public RunningOrderSheet(StudBookLookup studBook) => _studBook = studBook;

    public async Task<IReadOnlyList<string>> BuildAsync(IReadOnlyList<(int Run, string Handler, string DogReg)> order)
    {
        var dogs = await Task.WhenAll(order.Select(o => _studBook.FindAsync(o.DogReg)));
        return order.Select((o, i) => dogs[i] is { } dog
                ? $"{o.Run,3}. {o.Handler} with {dog.Name} ({dog.Sire} x {dog.Dam})"
                : $"{o.Run,3}. {o.Handler} with {o.DogReg} (not in stud book)")
            .ToList();
    }
}
