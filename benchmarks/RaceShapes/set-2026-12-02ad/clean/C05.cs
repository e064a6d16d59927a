using System.Collections.Immutable;

namespace Blind30.FalconersGuild;

public sealed record Bird(string Ring, string Species, string Falconer, DateOnly Hatched);

/// <summary>
/// Register of birds held by guild members. Read constantly by the flying-ground
/// check-in kiosks and updated occasionally by the registrar; shared across the
/// whole application.
/// </summary>
public sealed class BirdRegister
{
    private ImmutableDictionary<string, Bird> _birds =
        ImmutableDictionary.Create<string, Bird>(StringComparer.OrdinalIgnoreCase);

    public int Count => Volatile.Read(ref _birds).Count;

    public Bird? Find(string ring) =>
        Volatile.Read(ref _birds).TryGetValue(ring, out var bird) ? bird : null;

    public IReadOnlyList<Bird> HeldBy(string falconer) =>
        Volatile.Read(ref _birds).Values
            .Where(b => string.Equals(b.Falconer, falconer, StringComparison.OrdinalIgnoreCase))
            .OrderBy(b => b.Ring)
            .ToList();

    public bool Register(Bird bird)
    {
        while (true)
        {
            var current = Volatile.Read(ref _birds);
            if (current.ContainsKey(bird.Ring))
            {
                return false;
            }

            var updated = current.Add(bird.Ring, bird);
            if (Interlocked.CompareExchange(ref _birds, updated, current) == current)
            {
                return true;
            }
        }
    }

    public bool Transfer(string ring, string newFalconer)
    {
        while (true)
        {
            var current = Volatile.Read(ref _birds);
            if (!current.TryGetValue(ring, out var bird))
            {
                return false;
            }

            var updated = current.SetItem(ring, bird with { Falconer = newFalconer });
            if (Interlocked.CompareExchange(ref _birds, updated, current) == current)
            {
                return true;
            }
        }
    }

    public bool Retire(string ring)
    {
        while (true)
        {
            var current = Volatile.Read(ref _birds);
            var updated = current.Remove(ring);
            if (ReferenceEquals(updated, current))
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _birds, updated, current) == current)
            {
                return true;
            }
        }
    }
}

/// <summary>Kiosk at the flying ground that checks each bird's ring before a session.</summary>
public sealed class CheckInKiosk
{
    private readonly BirdRegister _register;

    public CheckInKiosk(BirdRegister register) => _register = register;

    public string CheckIn(string ring, string falconer)
    {
        var bird = _register.Find(ring);
        if (bird is null)
        {
            return $"Ring {ring} is not registered.";
        }

        return string.Equals(bird.Falconer, falconer, StringComparison.OrdinalIgnoreCase)
            ? $"{bird.Species} {ring} cleared to fly."
            : $"{ring} is registered to {bird.Falconer}.";
    }
}
