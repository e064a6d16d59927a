using System.Runtime.ExceptionServices;
using Forklift.Protocol;

namespace Forklift.Workers;

/// <summary>
/// Turns the exception tree a worker reported into the exception the caller sees: well-known framework exception
/// types are raised as themselves, so <c>catch (KeyNotFoundException)</c> works; everything else is a
/// <see cref="RemoteException"/>.
/// </summary>
/// <remarks>
/// <para>The type name on the wire is only ever compared with the allow-list below: no type named by a worker is
/// loaded or instantiated, so a worker cannot make the caller construct an arbitrary type.</para>
/// <para>An allow-listed exception keeps the remote message, carries the worker's stack trace as its remote stack
/// trace (shown first in its <see cref="Exception.StackTrace"/> once thrown) and has a <see cref="RemoteException"/>
/// as its <see cref="Exception.InnerException"/>, which holds the remote type, stack and the worker's own inner
/// exceptions. An <see cref="AggregateException"/> keeps all of its inner exceptions, each mapped the same way.</para>
/// <para>Not allow-listed on purpose: types whose state lives in properties the caller could not restore
/// (<c>JsonException.Path</c>, <c>HttpRequestException.StatusCode</c>, custom exceptions). Raising them half-empty
/// would claim a fidelity they do not have; they stay <see cref="RemoteException"/> with <see cref="RemoteException.RemoteType"/>.</para>
/// </remarks>
internal static class RemoteExceptionFactory
{
    /// <summary>The exception for a failed call.</summary>
    /// <param name="tree">The worker's exception tree, in preorder.</param>
    /// <param name="methodName">The method that was running, for <see cref="RemoteException.MethodName"/>.</param>
    /// <param name="messagePrefix">Put before the outermost message, e.g. <c>Input 7: </c> for a map.</param>
    public static Exception Create(ErrorInfo[] tree, string? methodName, string? messagePrefix = null)
    {
        int index = 0;
        return Build(tree, ref index, methodName, messagePrefix, mapKnownTypes: true);
    }

    /// <summary>The tree as nested <see cref="RemoteException"/>s only (a failed worker start, where the type does not matter).</summary>
    public static RemoteException CreateRemoteOnly(ErrorInfo[] tree, string? methodName)
    {
        int index = 0;
        return (RemoteException)Build(tree, ref index, methodName, messagePrefix: null, mapKnownTypes: false);
    }

    private static Exception Build(ErrorInfo[] tree, ref int index, string? methodName, string? messagePrefix, bool mapKnownTypes)
    {
        ErrorInfo node = tree[index++];
        var inner = new Exception[node.InnerCount];
        bool aggregate = mapKnownTypes && node.TypeName == "System.AggregateException";
        for (int i = 0; i < inner.Length; i++)
        {
            // An aggregate has no RemoteException of its own to name the method, so its inner exceptions do.
            inner[i] = Build(tree, ref index, aggregate ? methodName : null, null, mapKnownTypes);
        }

        string message = messagePrefix + node.Message;
        if (aggregate)
        {
            return WithRemoteStack(new AggregateException(message, inner), node.StackTrace);
        }

        var remote = new RemoteException(node.TypeName, message, node.StackTrace, inner.Length == 0 ? null : inner[0]) { MethodName = methodName };
        return mapKnownTypes && Known(node, message, remote) is Exception known ? WithRemoteStack(known, node.StackTrace) : remote;
    }

    /// <summary>The allow-list: exact type names (derived types do not match), each built with the caller's own constructor.</summary>
    private static Exception? Known(ErrorInfo node, string message, RemoteException remote) => node.TypeName switch
    {
        "System.ArgumentException" => node.Detail is string parameter && message.EndsWith($" (Parameter '{parameter}')", StringComparison.Ordinal)
            ? new ArgumentException(message[..^$" (Parameter '{parameter}')".Length], parameter, remote)
            : new ArgumentException(message, remote),
        "System.ArgumentNullException" => new ArgumentNullException(message, remote),
        "System.ArgumentOutOfRangeException" => new ArgumentOutOfRangeException(message, remote),
        "System.ArithmeticException" => new ArithmeticException(message, remote),
        "System.Collections.Generic.KeyNotFoundException" => new KeyNotFoundException(message, remote),
        "System.DivideByZeroException" => new DivideByZeroException(message, remote),
        "System.FormatException" => new FormatException(message, remote),
        "System.IndexOutOfRangeException" => new IndexOutOfRangeException(message, remote),
        "System.InvalidCastException" => new InvalidCastException(message, remote),
        "System.InvalidOperationException" => new InvalidOperationException(message, remote),
        "System.IO.DirectoryNotFoundException" => new DirectoryNotFoundException(message, remote),
        "System.IO.EndOfStreamException" => new EndOfStreamException(message, remote),
        "System.IO.FileNotFoundException" => new FileNotFoundException(message, node.Detail, remote),
        "System.IO.IOException" => new IOException(message, remote),
        "System.NotImplementedException" => new NotImplementedException(message, remote),
        "System.NotSupportedException" => new NotSupportedException(message, remote),
        "System.NullReferenceException" => new NullReferenceException(message, remote),
        "System.ObjectDisposedException" => new ObjectDisposedException(message, remote),
        "System.OperationCanceledException" => new OperationCanceledException(message, remote),
        "System.OverflowException" => new OverflowException(message, remote),
        "System.Threading.Tasks.TaskCanceledException" => new TaskCanceledException(message, remote),
        "System.TimeoutException" => new TimeoutException(message, remote),
        "System.UnauthorizedAccessException" => new UnauthorizedAccessException(message, remote),
        _ => null,
    };

    private static Exception WithRemoteStack(Exception exception, string? stackTrace)
        => string.IsNullOrEmpty(stackTrace) ? exception : ExceptionDispatchInfo.SetRemoteStackTrace(exception, stackTrace);
}
