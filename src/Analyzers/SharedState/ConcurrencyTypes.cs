using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>The well-known types the shared-state rules look for, resolved once per compilation.</summary>
internal sealed class ConcurrencyTypes
{
    private static readonly ConditionalWeakTable<Compilation, ConcurrencyTypes> ByCompilation = new();

    /// <summary>The types of <paramref name="compilation"/>, looked up by the first file that needs them and shared by the rest.</summary>
    public static ConcurrencyTypes For(Compilation compilation) => ByCompilation.GetValue(compilation, static c => new ConcurrencyTypes(c));

    private ConcurrencyTypes(Compilation compilation)
    {
        Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        ThreadPool = compilation.GetTypeByMetadataName("System.Threading.ThreadPool");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
        TaskFactoryOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");
        Parallel = compilation.GetTypeByMetadataName("System.Threading.Tasks.Parallel");
        ParallelEnumerable = compilation.GetTypeByMetadataName("System.Linq.ParallelEnumerable");
        Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
        ThreadingTimer = compilation.GetTypeByMetadataName("System.Threading.Timer");
        TimersTimer = compilation.GetTypeByMetadataName("System.Timers.Timer");
        FileSystemWatcher = compilation.GetTypeByMetadataName("System.IO.FileSystemWatcher");
        Monitor = compilation.GetTypeByMetadataName("System.Threading.Monitor");
        SemaphoreSlim = compilation.GetTypeByMetadataName("System.Threading.SemaphoreSlim");
        Semaphore = compilation.GetTypeByMetadataName("System.Threading.Semaphore");
        Mutex = compilation.GetTypeByMetadataName("System.Threading.Mutex");
        WaitHandle = compilation.GetTypeByMetadataName("System.Threading.WaitHandle");
        ReaderWriterLockSlim = compilation.GetTypeByMetadataName("System.Threading.ReaderWriterLockSlim");
        Lock = compilation.GetTypeByMetadataName("System.Threading.Lock");
        SpinLock = compilation.GetTypeByMetadataName("System.Threading.SpinLock");
        ThreadStaticAttribute = compilation.GetTypeByMetadataName("System.ThreadStaticAttribute");
        Interlocked = compilation.GetTypeByMetadataName("System.Threading.Interlocked");
        Volatile = compilation.GetTypeByMetadataName("System.Threading.Volatile");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Progress = compilation.GetTypeByMetadataName("System.Progress`1");
        _compilation = compilation;

        var collections = new List<INamedTypeSymbol>();
        foreach (var name in UnsafeCollectionNames)
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                collections.Add(type);
            }
        }

        UnsafeCollections = collections;
    }

    /// <summary>
    /// Collections, and other BCL types with mutable state, whose instance members are not safe to call from several
    /// threads at once: a shared <c>Random</c> returns zeros forever once its state is corrupted, and a shared
    /// <c>StringBuilder</c> loses or interleaves appends and can throw. <c>Random.Shared</c> is thread-safe.
    /// </summary>
    private static readonly string[] UnsafeCollectionNames =
    [
        "System.Collections.Generic.List`1",
        "System.Collections.Generic.Dictionary`2",
        "System.Collections.Generic.HashSet`1",
        "System.Collections.Generic.Queue`1",
        "System.Collections.Generic.Stack`1",
        "System.Collections.Generic.SortedDictionary`2",
        "System.Collections.Generic.SortedList`2",
        "System.Collections.Generic.SortedSet`1",
        "System.Collections.Generic.LinkedList`1",
        "System.Collections.Generic.PriorityQueue`2",

        // A view-model's bound list (set ax R14, refilled after ConfigureAwait(false) while the view enumerates it).
        "System.Collections.ObjectModel.ObservableCollection`1",
        "System.Random",
        "System.Text.StringBuilder",
        "System.IO.MemoryStream",
    ];

    /// <summary>The simple names of <see cref="UnsafeCollectionNames"/> (<c>List</c>, <c>StringBuilder</c>), for checks that read syntax before binding.</summary>
    private static readonly HashSet<string> UnsafeSimpleNames = new(
        UnsafeCollectionNames.Select(name => name.Substring(name.LastIndexOf('.') + 1).Split('`')[0]), StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="type"/>, as written (<c>List&lt;Slot&gt;?</c>, <c>System.Text.StringBuilder</c>), can
    /// denote one of the unsafe types (see <see cref="IsUnsafeCollection"/>): checks that read declarations before binding.
    /// </summary>
    public static bool MayNameUnsafeType(TypeSyntax type)
    {
        var written = type is NullableTypeSyntax nullable ? nullable.ElementType : type;
        var name = written switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
        return name is not null && UnsafeSimpleNames.Contains(name);
    }

    /// <summary>Members of <see cref="UnsafeCollections"/> that change the collection.</summary>
    private static readonly HashSet<string> MutatorNames = new(StringComparer.Ordinal)
    {
        "Add", "AddRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "RemoveWhere", "Clear", "Insert",
        "InsertRange", "TryAdd", "Enqueue", "Dequeue", "TryDequeue", "EnqueueRange", "Push", "Pop", "TryPop",
        "Sort", "Reverse", "Move", "AddFirst", "AddLast", "AddBefore", "AddAfter", "RemoveFirst", "RemoveLast",
        "UnionWith", "ExceptWith", "IntersectWith", "SymmetricExceptWith", "TrimExcess", "EnsureCapacity",
        "Next", "NextDouble", "NextBytes", "NextInt64", "NextSingle", "Shuffle", "GetItems",
        "Append", "AppendLine", "AppendFormat", "AppendJoin", "Replace",
    };

    public INamedTypeSymbol? Thread { get; }
    public INamedTypeSymbol? ThreadPool { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskFactory { get; }
    public INamedTypeSymbol? TaskFactoryOfT { get; }
    public INamedTypeSymbol? Parallel { get; }
    public INamedTypeSymbol? ParallelEnumerable { get; }
    public INamedTypeSymbol? Enumerable { get; }
    public INamedTypeSymbol? ThreadingTimer { get; }
    public INamedTypeSymbol? TimersTimer { get; }
    public INamedTypeSymbol? FileSystemWatcher { get; }
    public INamedTypeSymbol? Monitor { get; }
    public INamedTypeSymbol? SemaphoreSlim { get; }
    public INamedTypeSymbol? Semaphore { get; }
    public INamedTypeSymbol? Mutex { get; }
    public INamedTypeSymbol? WaitHandle { get; }
    public INamedTypeSymbol? ReaderWriterLockSlim { get; }
    public INamedTypeSymbol? Lock { get; }
    public INamedTypeSymbol? SpinLock { get; }
    public INamedTypeSymbol? ThreadStaticAttribute { get; }
    public INamedTypeSymbol? Interlocked { get; }
    public INamedTypeSymbol? Volatile { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? Progress { get; }

    private readonly Compilation _compilation;
    private int _hasUiThread; // 0 not looked up yet, 1 no, 2 yes; analyzer callbacks run on many threads, each may look it up

    /// <summary>
    /// UI frameworks whose thread installs a synchronization context: a <c>Progress&lt;T&gt;</c> created there runs its
    /// handler on that one thread. Without any of them referenced, code runs where no context is installed. (Blazor's
    /// renderer installs one too, but its framework comes with every ASP.NET Core app: a Blazor component is told by
    /// its base type, see <see cref="UiThreadCalls.IsComponent"/>.)
    /// </summary>
    private static readonly string[] UiThreadTypeNames =
    [
        "System.Windows.Threading.Dispatcher", "System.Windows.Forms.Control", "Avalonia.Threading.Dispatcher",
        "Microsoft.UI.Dispatching.DispatcherQueue", "Windows.UI.Core.CoreDispatcher", "Microsoft.Maui.Dispatching.IDispatcher",
        "Xamarin.Forms.Device", "Uno.UI.Dispatching.NativeDispatcher",
        "UnityEngine.MonoBehaviour", "Godot.Node",
    ];

    /// <summary>Whether the compilation references a UI framework (<see cref="UiThreadTypeNames"/>); looked up on first use.</summary>
    public bool HasUiThread
    {
        get
        {
            var known = System.Threading.Volatile.Read(ref _hasUiThread);
            if (known == 0)
            {
                known = UiThreadTypeNames.Any(name => _compilation.GetTypeByMetadataName(name) is not null) ? 2 : 1;
                System.Threading.Volatile.Write(ref _hasUiThread, known);
            }

            return known == 2;
        }
    }
    public IReadOnlyList<INamedTypeSymbol> UnsafeCollections { get; }

    public bool IsUnsafeCollection(ITypeSymbol? type)
    {
        // Most types asked about are not collections at all, and a name is cheaper to compare than a symbol.
        if (type is not INamedTypeSymbol named || !UnsafeSimpleNames.Contains(named.Name))
        {
            return false;
        }

        var definition = named.OriginalDefinition;
        foreach (var candidate in UnsafeCollections)
        {
            if (SymbolEqualityComparer.Default.Equals(definition, candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Members of a <c>MemoryStream</c> that change it: its content, its length, or its position, which every read and
    /// write moves (two threads reading one stream read each other's bytes). <c>ToArray</c>, <c>GetBuffer</c> and
    /// <c>WriteTo</c> only read it. Kept apart from <see cref="MutatorNames"/>, which is also matched by name alone in
    /// syntax, where <c>writer.Write(…)</c> on any writer would count.
    /// </summary>
    private static readonly HashSet<string> StreamMutatorNames = new(StringComparer.Ordinal)
    {
        "Write", "WriteByte", "WriteAsync", "SetLength", "Seek", "Read", "ReadByte", "ReadAsync", "CopyTo", "CopyToAsync",
    };

    public static bool IsMutator(IMethodSymbol method)
        => MutatorNames.Contains(method.Name) || (StreamMutatorNames.Contains(method.Name) && IsStream(method.ContainingType));

    private static bool IsStream(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == "Stream" && current.ContainingNamespace is { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsMutatorName(string name) => MutatorNames.Contains(name);

    public bool IsThreadStatic(ISymbol symbol)
    {
        if (ThreadStaticAttribute is null)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, ThreadStaticAttribute))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
        => expected is not null && type is not null
           && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);
}
