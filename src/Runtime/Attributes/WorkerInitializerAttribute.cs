namespace Forklift;

/// <summary>
/// Marks a <see langword="static"/> method that every worker process runs once before its first call, e.g. to open a
/// per-worker connection. It takes no parameters or one <see cref="CancellationToken"/>, and returns
/// <see langword="void"/>, <see cref="Task"/> or <see cref="ValueTask"/>. An initializer that throws fails that
/// worker's start, and the pool reports the exception on the calls that waited for it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class WorkerInitializerAttribute : Attribute
{
}
