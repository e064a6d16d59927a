using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Forklift.Analyzers;

/// <summary>
/// A value computed once per compilation by the first caller, while the others that ask at the same time wait for it
/// instead of computing it too.
/// </summary>
/// <remarks>
/// <see cref="ConditionalWeakTable{TKey, TValue}.GetValue"/> runs its factory in every thread that asks before a value
/// is stored, and keeps one of the results: at the start of a compile the analyzer driver runs several files' callbacks
/// at once, and each of them ran the same compilation-wide scan (every file's text, every registration) again. A
/// computation that is cancelled stores nothing; the next caller computes with its own token.
/// </remarks>
internal sealed class OncePerCompilation<T>
    where T : class
{
    private readonly ConditionalWeakTable<Compilation, Holder> _values = new();
    private readonly Func<Compilation, CancellationToken, T> _compute;

    public OncePerCompilation(Func<Compilation, CancellationToken, T> compute) => _compute = compute;

    public T Get(Compilation compilation, CancellationToken cancellationToken)
    {
        var holder = _values.GetValue(compilation, static _ => new Holder());
        if (Volatile.Read(ref holder.Value) is { } known)
        {
            return known;
        }

        lock (holder)
        {
            if (holder.Value is { } computed)
            {
                return computed;
            }

            var value = _compute(compilation, cancellationToken);
            Volatile.Write(ref holder.Value, value); // filled before it is published: the read above takes it without the lock
            return value;
        }
    }

    private sealed class Holder
    {
        public T? Value;
    }
}
