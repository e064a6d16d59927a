using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Marathon.Entries;

public sealed record EntryRequest(string Email, string Name, string Distance);

public sealed record Entry(int Bib, string Email, string Name, string Distance, DateTime EnteredUtc);

/// <summary>
/// Online entry system for the city marathon. Registered as a singleton and
/// used by every request to the entry endpoints.
/// </summary>
public sealed class EntryBook
{
    private readonly ConcurrentDictionary<string, Entry> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _capacity;
    private int _lastBib;
    private int _accepted;

    public EntryBook(int capacity, int firstBib)
    {
        _capacity = capacity;
        _lastBib = firstBib - 1;
    }

    public int Accepted => Volatile.Read(ref _accepted);

    public Entry? TryEnter(EntryRequest request, out string? error)
    {
        if (Interlocked.Increment(ref _accepted) > _capacity)
        {
            Interlocked.Decrement(ref _accepted);
            error = "Entries are closed: the field is full";
            return null;
        }

        var entry = new Entry(Interlocked.Increment(ref _lastBib), request.Email, request.Name, request.Distance, DateTime.UtcNow);
        if (!_byEmail.TryAdd(request.Email, entry))
        {
            Interlocked.Decrement(ref _accepted);
            error = "This email address has already entered";
            return null;
        }

        error = null;
        return entry;
    }

    public Entry? Find(string email) => _byEmail.TryGetValue(email, out var e) ? e : null;
}

public static class EntryEndpoints
{
    public static IEndpointRouteBuilder MapEntries(this IEndpointRouteBuilder app)
    {
        app.MapPost("/entries", (EntryRequest request, EntryBook book) =>
        {
            var entry = book.TryEnter(request, out var error);
            return entry is null ? Results.Conflict(new { error }) : Results.Ok(entry);
        });

        app.MapGet("/entries/{email}", (string email, EntryBook book) =>
            book.Find(email) is { } entry ? Results.Ok(entry) : Results.NotFound());

        app.MapGet("/entries/count", (EntryBook book) => Results.Ok(new { accepted = book.Accepted }));

        return app;
    }
}
