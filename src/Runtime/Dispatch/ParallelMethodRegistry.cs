using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Forklift.Dispatch;

/// <summary>
/// The methods and worker initializers this process knows, by id. Generated code registers every <c>[Parallel]</c>
/// method of an assembly from a module initializer, so the table is filled in the caller and in each worker before
/// any call is made.
/// </summary>
/// <remarks>Thread-safe. Registering the same instance, or an equal id from the same type, twice is harmless.</remarks>
public static class ParallelMethodRegistry
{
    private static readonly ConcurrentDictionary<string, ParallelMethod> Methods = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, WorkerInitializer> Initializers = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="method"/> to the table.</summary>
    /// <exception cref="InvalidOperationException">Another method of a different type already has the same id.</exception>
    public static void Register(ParallelMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        ParallelMethod existing = Methods.GetOrAdd(method.Id, method);
        if (!ReferenceEquals(existing, method) && existing.DeclaringType != method.DeclaringType)
        {
            throw new InvalidOperationException(
                $"Two [Parallel] methods share the id '{method.Id}': one in {existing.DeclaringType}, one in {method.DeclaringType}.");
        }
    }

    /// <summary>Finds a registered method; a worker answers an unknown id with an error for that call.</summary>
    public static bool TryGet(string id, [NotNullWhen(true)] out ParallelMethod? method) => Methods.TryGetValue(id, out method);

    /// <summary>
    /// Adds code that every worker runs once, before its first call (to open a per-worker connection, warm a cache…).
    /// An initializer that throws fails the worker's start, which the pool reports on the calls waiting for it.
    /// </summary>
    public static void RegisterWorkerInitializer(WorkerInitializer initializer)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        Initializers.TryAdd(initializer.Id, initializer);
    }

    /// <summary>The registered initializers, ordered by id so every worker runs them in the same order.</summary>
    public static IReadOnlyList<WorkerInitializer> WorkerInitializers
        => Initializers.Values.OrderBy(i => i.Id, StringComparer.Ordinal).ToArray();

    /// <summary>The registered methods, for diagnostics and tests.</summary>
    public static IReadOnlyCollection<ParallelMethod> RegisteredMethods => Methods.Values.ToArray();
}

/// <summary>Code a worker runs once before its first call; see <see cref="ParallelMethodRegistry.RegisterWorkerInitializer"/>.</summary>
/// <param name="Id">A stable id, e.g. the initializer method's full name.</param>
/// <param name="DeclaringType">The type that declares it; a worker loads its assembly.</param>
/// <param name="Run">The code to run; the token is cancelled when the worker is asked to stop.</param>
public sealed record WorkerInitializer(string Id, Type DeclaringType, Func<CancellationToken, ValueTask> Run);
