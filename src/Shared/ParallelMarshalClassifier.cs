using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Shared;

/// <summary>
/// Decides whether a type can cross a process boundary and how: the one validity check that FL3003 reports and the
/// generator builds its codecs from, so the two cannot disagree.
/// </summary>
/// <remarks>
/// One instance per method: it memoizes the types it has classified, and a type met again while it is still being
/// classified is a cycle (a codec would recurse without bound on a cyclic object graph, so cycles are rejected).
/// </remarks>
internal sealed class ParallelMarshalClassifier
{
    private const string NoEncoding = "which has no generated encoding";

    private static readonly SymbolDisplayFormat PathFormat = SymbolDisplayFormat.MinimallyQualifiedFormat;

    private readonly Compilation _compilation;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<ITypeSymbol, ParallelMarshalShape> _done = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> _inProgress = new(SymbolEqualityComparer.Default);

    public ParallelMarshalClassifier(Compilation compilation, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Classifies <paramref name="type"/>; the path in a problem starts at the type's short name.</summary>
    public ParallelMarshalShape? Classify(ITypeSymbol type, out ParallelMarshalProblem? problem)
    {
        problem = null;
        return Classify(type, type.ToDisplayString(PathFormat), ref problem);
    }

    private ParallelMarshalShape? Classify(ITypeSymbol type, string path, ref ParallelMarshalProblem? problem)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (_done.TryGetValue(type, out ParallelMarshalShape? known))
        {
            return known;
        }

        if (_inProgress.Contains(type))
        {
            problem = new ParallelMarshalProblem(path, type, "which contains itself (a cycle in the type graph)");
            return null;
        }

        _inProgress.Add(type);
        ParallelMarshalShape? shape = ClassifyCore(type, path, ref problem);
        _inProgress.Remove(type);
        if (shape is not null)
        {
            _done[type] = shape;
        }

        return shape;
    }

    private ParallelMarshalShape? ClassifyCore(ITypeSymbol type, string path, ref ParallelMarshalProblem? problem)
    {
        if (ScalarName(type) is string scalar)
        {
            return new ParallelMarshalShape(ParallelMarshalKind.Scalar, type, scalar);
        }

        if (type is IArrayTypeSymbol array)
        {
            if (!array.IsSZArray)
            {
                problem = new ParallelMarshalProblem(path, type, "a multi-dimensional array, " + NoEncoding + " (use a jagged array)");
                return null;
            }

            return Composite(ParallelMarshalKind.Array, type, path, ref problem, (array.ElementType, path + "[]"));
        }

        if (type is not INamedTypeSymbol named || type.IsRefLikeType)
        {
            problem = new ParallelMarshalProblem(path, type, NoEncoding);
            return null;
        }

        if (named.TypeKind == TypeKind.Enum && named.EnumUnderlyingType is { } underlying && ScalarName(underlying) is string enumScalar)
        {
            return Accessible(named, path, ref problem) ? new ParallelMarshalShape(ParallelMarshalKind.Enum, type, enumScalar) : null;
        }

        if (named.IsTupleType)
        {
            var items = named.TupleElements.Select(e => (e.Type, path + "." + e.Name)).ToArray();
            return Composite(ParallelMarshalKind.Tuple, type, path, ref problem, items);
        }

        if (named.IsGenericType)
        {
            ParallelMarshalKind? collection = named.OriginalDefinition.ToDisplayString() switch
            {
                "System.Collections.Generic.List<T>" => ParallelMarshalKind.List,
                "System.Collections.Generic.IReadOnlyList<T>" => ParallelMarshalKind.ReadOnlyList,
                "System.Collections.Generic.HashSet<T>" => ParallelMarshalKind.HashSet,
                "System.Collections.Immutable.ImmutableArray<T>" => ParallelMarshalKind.ImmutableArray,
                "System.Collections.Generic.Dictionary<TKey, TValue>" => ParallelMarshalKind.Dictionary,
                "T?" => ParallelMarshalKind.Nullable,
                _ => null,
            };

            if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                collection = ParallelMarshalKind.Nullable;
            }

            if (collection == ParallelMarshalKind.Dictionary)
            {
                return Composite(
                    ParallelMarshalKind.Dictionary,
                    type,
                    path,
                    ref problem,
                    (named.TypeArguments[0], path + ".Key"),
                    (named.TypeArguments[1], path + ".Value"));
            }

            if (collection is ParallelMarshalKind kind)
            {
                string elementPath = kind == ParallelMarshalKind.Nullable ? path : path + "[]";
                return Composite(kind, type, path, ref problem, (named.TypeArguments[0], elementPath));
            }
        }

        return ClassifyObject(named, path, ref problem);
    }

    private ParallelMarshalShape? Composite(
        ParallelMarshalKind kind,
        ITypeSymbol type,
        string path,
        ref ParallelMarshalProblem? problem,
        params (ITypeSymbol Type, string Path)[] elements)
    {
        var shapes = ImmutableArray.CreateBuilder<ParallelMarshalShape>(elements.Length);
        foreach ((ITypeSymbol elementType, string elementPath) in elements)
        {
            ParallelMarshalShape? element = Classify(elementType, elementPath, ref problem);
            if (element is null)
            {
                return null;
            }

            shapes.Add(element);
        }

        return new ParallelMarshalShape(kind, type, elements: shapes.MoveToImmutable());
    }

    private ParallelMarshalShape? ClassifyObject(INamedTypeSymbol type, string path, ref ParallelMarshalProblem? problem)
    {
        // Framework types (Stream, Task, Exception, Type…) are not plain data: their state does not round-trip through
        // public members. Interfaces, abstract classes and delegates have no single shape to construct.
        string? rootNamespace = RootNamespace(type);
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct)
            || type.IsAbstract
            || type.IsStatic
            || type.SpecialType == SpecialType.System_Object
            || rootNamespace is "System" or "Microsoft")
        {
            problem = new ParallelMarshalProblem(path, type, NoEncoding);
            return null;
        }

        if (!Accessible(type, path, ref problem))
        {
            return null;
        }

        // Data members: instance properties and fields readable by generated code, derived type first.
        var members = new List<DataMember>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            foreach (ISymbol member in current.GetMembers())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (member.IsStatic || !member.CanBeReferencedByName || !seen.Add(member.Name))
                {
                    continue;
                }

                switch (member)
                {
                    case IPropertySymbol { IsIndexer: false, GetMethod: { } getter } property
                        when IsAccessible(getter) && !(type.IsRecord && property.Name == "EqualityContract"):
                        members.Add(new DataMember(property, property.Name, property.Type, property.SetMethod is { } setter && IsAccessible(setter)));
                        break;
                    case IFieldSymbol { IsConst: false, IsImplicitlyDeclared: false } field when IsAccessible(field):
                        members.Add(new DataMember(field, field.Name, field.Type, !field.IsReadOnly));
                        break;
                }
            }
        }

        var plan = new List<(string Name, ITypeSymbol Type, ParallelMemberAccess Access, IFieldSymbol? Field)>();
        var carried = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        IMethodSymbol? constructor = ChooseConstructor(type, members);
        bool throughAccessor = false;
        if (constructor is not null)
        {
            foreach (IParameterSymbol parameter in constructor.Parameters)
            {
                DataMember match = members.First(m => string.Equals(m.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
                plan.Add((match.Name, match.Type, ParallelMemberAccess.Constructor, null));
                carried.Add(match.Symbol);
            }

            // Get-only members the constructor does not set are either computed from the others (decimal Total => …)
            // or backed by fields; the fields are found below.
            foreach (DataMember member in members.Where(m => m.Settable && !carried.Contains(m.Symbol)))
            {
                plan.Add((member.Name, member.Type, ParallelMemberAccess.Initializer, null));
                carried.Add(member.Symbol);
            }
        }
        else if (HasOwnParameterlessConstructor(type))
        {
            // No constructor generated code can call directly, but a parameterless one it can call through an accessor
            // (private, protected): the object is created by it and all of its state is then set field by field.
            throughAccessor = true;
        }
        else
        {
            problem = new ParallelMarshalProblem(
                path,
                type,
                "which has no accessible constructor whose parameters match its properties, and no parameterless constructor");
            return null;
        }

        // A class's primary-constructor parameters may be captured in fields the compiler does not show us: they are
        // carried only when that constructor is the one called with the members' values.
        if (PrimaryConstructor(type) is { Parameters.Length: > 0 } primary
            && !SymbolEqualityComparer.Default.Equals(primary, constructor))
        {
            IParameterSymbol parameter = primary.Parameters[0];
            problem = new ParallelMarshalProblem(
                path + "." + parameter.Name,
                parameter.Type,
                "a primary constructor parameter that the generated code would not pass (it uses another constructor), so a value captured from it would be lost (give each primary constructor parameter a property of the same name and type)");
            return null;
        }

        // The rest of the state: instance fields that neither the constructor nor a setter carries. Generated code reads
        // and writes them through [UnsafeAccessor]s, which need the field's declaring type, so this is done only for
        // types of this compilation (the compiler does not show us the private fields of referenced assemblies).
        if (!HiddenState(type, path, carried, plan, ref problem))
        {
            return null;
        }

        if (throughAccessor && !IsDeclaredHere(type))
        {
            problem = new ParallelMarshalProblem(
                path,
                type,
                "which has no accessible constructor whose parameters match its properties, and no parameterless constructor");
            return null;
        }

        var shapes = ImmutableArray.CreateBuilder<ParallelMarshalMember>(plan.Count);
        foreach ((string name, ITypeSymbol memberType, ParallelMemberAccess access, IFieldSymbol? field) in plan)
        {
            ParallelMarshalShape? shape = Classify(memberType, path + "." + name, ref problem);
            if (shape is null)
            {
                return null;
            }

            shapes.Add(new ParallelMarshalMember(name, shape, access, field));
        }

        return new ParallelMarshalShape(ParallelMarshalKind.Object, type, members: shapes.MoveToImmutable(), constructsThroughAccessor: throughAccessor);
    }

    /// <summary>
    /// Adds to <paramref name="plan"/> the instance fields of <paramref name="type"/> and its base types that no member
    /// in <paramref name="carried"/> sets (all of them when nothing is carried), as <see cref="ParallelMemberAccess.Field"/>.
    /// </summary>
    private bool HiddenState(
        INamedTypeSymbol type,
        string path,
        HashSet<ISymbol> carried,
        List<(string Name, ITypeSymbol Type, ParallelMemberAccess Access, IFieldSymbol? Field)> plan,
        ref ParallelMarshalProblem? problem)
    {
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            if (!IsDeclaredHere(current))
            {
                continue;
            }

            foreach (ISymbol member in current.GetMembers())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (member is not IFieldSymbol { IsStatic: false, IsConst: false } field
                    || carried.Contains(field)
                    || (field.AssociatedSymbol is { } property && carried.Contains(property))
                    || field.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.NonSerializedAttribute"))
                {
                    continue;
                }

                // A field-like event's backing field is a delegate: named by the event, it is refused like any delegate.
                string name = field.AssociatedSymbol?.Name ?? field.Name;
                if (IsGeneric(current))
                {
                    // UnsafeAccessor does not reach members of generic types on .NET 8.
                    problem = new ParallelMarshalProblem(
                        path + "." + name,
                        field.Type,
                        $"state of the generic type '{current.ToDisplayString(PathFormat)}' that no accessible constructor or setter carries (make it settable, take it in a constructor, or mark the field [NonSerialized])");
                    return false;
                }

                plan.Add((name, field.Type, ParallelMemberAccess.Field, field));
            }
        }

        return true;
    }

    /// <summary>The primary constructor of a class or struct that is not a record (a record's parameters are properties).</summary>
    private IMethodSymbol? PrimaryConstructor(INamedTypeSymbol type)
    {
        if (type.IsRecord)
        {
            return null;
        }

        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            foreach (SyntaxReference reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(_cancellationToken) is TypeDeclarationSyntax)
                {
                    return constructor;
                }
            }
        }

        return null;
    }

    private bool IsDeclaredHere(INamedTypeSymbol type)
        => SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, _compilation.Assembly);

    private static bool HasOwnParameterlessConstructor(INamedTypeSymbol type)
        => type.InstanceConstructors.Any(c => c.Parameters.Length == 0) && !IsGeneric(type);

    private static bool IsGeneric(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A property or field generated code can read.</summary>
    private readonly struct DataMember
    {
        public DataMember(ISymbol symbol, string name, ITypeSymbol type, bool settable)
        {
            Symbol = symbol;
            Name = name;
            Type = type;
            Settable = settable;
        }

        public ISymbol Symbol { get; }

        public string Name { get; }

        public ITypeSymbol Type { get; }

        public bool Settable { get; }
    }

    private IMethodSymbol? ChooseConstructor(INamedTypeSymbol type, List<DataMember> members)
    {
        IMethodSymbol? best = null;
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (!IsAccessible(constructor) || (best is not null && constructor.Parameters.Length <= best.Parameters.Length))
            {
                continue;
            }

            bool allMatch = constructor.Parameters.All(p => p.RefKind == RefKind.None && members.Any(m =>
                string.Equals(m.Name, p.Name, StringComparison.OrdinalIgnoreCase)
                && SymbolEqualityComparer.Default.Equals(m.Type, p.Type)));
            if (allMatch && constructor.Parameters.Select(p => p.Name.ToUpperInvariant()).Distinct().Count() == constructor.Parameters.Length)
            {
                best = constructor;
            }
        }

        return best;
    }

    private bool Accessible(INamedTypeSymbol type, string path, ref ParallelMarshalProblem? problem)
    {
        if (IsAccessible(type))
        {
            return true;
        }

        problem = new ParallelMarshalProblem(path, type, "which generated code cannot reach (make it internal or public)");
        return false;
    }

    private bool IsAccessible(ISymbol symbol) => _compilation.IsSymbolAccessibleWithin(symbol, _compilation.Assembly);

    private static string? RootNamespace(INamedTypeSymbol type)
    {
        INamespaceSymbol? ns = type.ContainingNamespace;
        if (ns is null || ns.IsGlobalNamespace)
        {
            return null;
        }

        while (ns.ContainingNamespace is { IsGlobalNamespace: false } parent)
        {
            ns = parent;
        }

        return ns.Name;
    }

    /// <summary>The PayloadWriter/PayloadReader method suffix for types written by one call, or <see langword="null"/>.</summary>
    public static string? ScalarName(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return "Boolean";
            case SpecialType.System_Char: return "Char";
            case SpecialType.System_SByte: return "SByte";
            case SpecialType.System_Byte: return "Byte";
            case SpecialType.System_Int16: return "Int16";
            case SpecialType.System_UInt16: return "UInt16";
            case SpecialType.System_Int32: return "Int32";
            case SpecialType.System_UInt32: return "UInt32";
            case SpecialType.System_Int64: return "Int64";
            case SpecialType.System_UInt64: return "UInt64";
            case SpecialType.System_Single: return "Single";
            case SpecialType.System_Double: return "Double";
            case SpecialType.System_Decimal: return "Decimal";
            case SpecialType.System_String: return "String";
            case SpecialType.System_IntPtr: return "NativeInt";
            case SpecialType.System_UIntPtr: return "NativeUInt";
            case SpecialType.System_DateTime: return "DateTime";
        }

        if (type is IArrayTypeSymbol { IsSZArray: true, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return "ByteArray";
        }

        return type.ToDisplayString() switch
        {
            "System.Guid" => "Guid",
            "System.DateTimeOffset" => "DateTimeOffset",
            "System.TimeSpan" => "TimeSpan",
            "System.DateOnly" => "DateOnly",
            "System.TimeOnly" => "TimeOnly",
            "System.Half" => "Half",
            "System.Int128" => "Int128",
            "System.UInt128" => "UInt128",
            "System.ReadOnlyMemory<byte>" => "ByteMemory",
            _ => null,
        };
    }
}
