using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Shared;

/// <summary>How a parameter of a <c>[Parallel]</c> method reaches the worker.</summary>
internal enum ParallelParameterRole
{
    /// <summary>Encoded with the arguments.</summary>
    Marshalled,

    /// <summary>Not sent: the worker passes the call's forwarded token.</summary>
    CancellationToken,

    /// <summary>Not sent: the worker passes a progress channel back to the caller's <c>IProgress&lt;T&gt;</c>.</summary>
    Progress,
}

/// <summary>What a <c>[Parallel]</c> method returns, as the worker delegate must await it.</summary>
internal enum ParallelReturnKind
{
    Value,
    Void,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>
/// The validity checks of FL3001–FL3004 and FL3006, shared by the analyzers (which report them) and the generator
/// (which skips methods that fail any of them).
/// </summary>
internal static class ParallelMethodRules
{
    public static ParallelParameterRole RoleOf(IParameterSymbol parameter)
    {
        if (parameter.Type.ToDisplayString() == "System.Threading.CancellationToken")
        {
            return ParallelParameterRole.CancellationToken;
        }

        return parameter.Type is INamedTypeSymbol { IsGenericType: true, MetadataName: "IProgress`1" } named
            && named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true }
            ? ParallelParameterRole.Progress
            : ParallelParameterRole.Marshalled;
    }

    /// <summary>The kind of <paramref name="method"/>'s return type and, when it produces one, the result type.</summary>
    public static ParallelReturnKind ReturnKindOf(IMethodSymbol method, out ITypeSymbol? result)
    {
        result = null;
        if (method.ReturnsVoid)
        {
            return ParallelReturnKind.Void;
        }

        ITypeSymbol type = method.ReturnType;
        string definition = type is INamedTypeSymbol named ? named.OriginalDefinition.ToDisplayString() : string.Empty;
        switch (definition)
        {
            case "System.Threading.Tasks.Task":
                return ParallelReturnKind.Task;
            case "System.Threading.Tasks.ValueTask":
                return ParallelReturnKind.ValueTask;
            case "System.Threading.Tasks.Task<TResult>":
                result = ((INamedTypeSymbol)type).TypeArguments[0];
                return ParallelReturnKind.TaskOfT;
            case "System.Threading.Tasks.ValueTask<TResult>":
                result = ((INamedTypeSymbol)type).TypeArguments[0];
                return ParallelReturnKind.ValueTaskOfT;
            default:
                result = type;
                return ParallelReturnKind.Value;
        }
    }

    /// <summary>FL3001: the containing types not declared <see langword="partial"/>, innermost first.</summary>
    public static IEnumerable<INamedTypeSymbol> NonPartialContainingTypes(IMethodSymbol method, CancellationToken cancellationToken)
    {
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            bool isPartial = type.DeclaringSyntaxReferences.Length > 0;
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration
                    || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    isPartial = false;
                }
            }

            if (!isPartial)
            {
                yield return type;
            }
        }
    }

    /// <summary>FL3002: what <paramref name="method"/> must be and is not, or <see langword="null"/>.</summary>
    public static string? ShapeProblem(IMethodSymbol method, Compilation compilation, bool isWorkerInitializer)
    {
        if (method.MethodKind != MethodKind.Ordinary)
        {
            return "an ordinary method (not a local function, lambda, operator or accessor)";
        }

        if (!method.IsStatic)
        {
            return "static";
        }

        if (method.IsGenericMethod)
        {
            return "non-generic";
        }

        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                return "declared in a class, struct or record";
            }

            if (type.IsGenericType)
            {
                return "declared in non-generic types";
            }

            if (!compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
            {
                return "declared in types that are internal or public";
            }
        }

        if (method.IsAsync && method.ReturnsVoid)
        {
            return "not 'async void' (return Task instead)";
        }

        if (method.Parameters.Count(p => RoleOf(p) == ParallelParameterRole.CancellationToken) > 1)
        {
            return "declared with at most one CancellationToken parameter";
        }

        if (isWorkerInitializer)
        {
            ParallelReturnKind kind = ReturnKindOf(method, out _);
            if (kind is not (ParallelReturnKind.Void or ParallelReturnKind.Task or ParallelReturnKind.ValueTask))
            {
                return "returning void, Task or ValueTask";
            }

            if (method.Parameters.Any(p => RoleOf(p) != ParallelParameterRole.CancellationToken))
            {
                return "declared with no parameters or one CancellationToken parameter";
            }
        }
        else if (method.Parameters.Count(p => RoleOf(p) == ParallelParameterRole.Progress) > 1)
        {
            return "declared with at most one IProgress<T> parameter";
        }

        return null;
    }

    /// <summary>FL3004: parameters (or the return, with <see langword="null"/>) that cannot be passed at all, and why.</summary>
    public static IEnumerable<(IParameterSymbol? Parameter, string Reason)> ByRefProblems(IMethodSymbol method)
    {
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                string keyword = parameter.RefKind switch
                {
                    RefKind.Out => "an 'out'",
                    RefKind.In => "an 'in'",
                    RefKind.Ref => "a 'ref'",
                    _ => "a by-reference",
                };
                yield return (parameter, $"parameter '{parameter.Name}' is {keyword} parameter");
            }
            else if (TypeProblem(parameter.Type) is string problem)
            {
                yield return (parameter, $"parameter '{parameter.Name}' is {problem}");
            }
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            yield return (null, "the method returns by reference");
        }
        else if (TypeProblem(method.ReturnType) is string problem)
        {
            yield return (null, "the return type is " + problem);
        }
    }

    private static string? TypeProblem(ITypeSymbol type) => type switch
    {
        IPointerTypeSymbol or IFunctionPointerTypeSymbol => "a pointer",
        { IsRefLikeType: true } => $"a ref struct ('{type.ToDisplayString()}')",
        _ => null,
    };

    /// <summary>
    /// FL3003: each value of <paramref name="method"/> that cannot cross the boundary (the parameter, or
    /// <see langword="null"/> for the return value), described as "parameter 'x'", "return value" or "progress value of
    /// parameter 'x'", with its problem. Values FL3004 rejects are skipped.
    /// </summary>
    public static IEnumerable<(IParameterSymbol? Parameter, string What, ParallelMarshalProblem Problem)> MarshalProblems(
        IMethodSymbol method,
        ParallelMarshalClassifier classifier)
    {
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            ParallelParameterRole role = RoleOf(parameter);
            ITypeSymbol? type = role switch
            {
                ParallelParameterRole.Marshalled => parameter.Type,
                ParallelParameterRole.Progress => ((INamedTypeSymbol)parameter.Type).TypeArguments[0],
                _ => null,
            };
            if (parameter.RefKind != RefKind.None || type is null || TypeProblem(type) is not null)
            {
                continue;
            }

            if (classifier.Classify(type, out ParallelMarshalProblem? problem) is null && problem is not null)
            {
                string what = role == ParallelParameterRole.Progress
                    ? $"progress value of parameter '{parameter.Name}'"
                    : $"parameter '{parameter.Name}'";
                yield return (parameter, what, problem);
            }
        }

        if (ReturnKindOf(method, out ITypeSymbol? result) is ParallelReturnKind.Value or ParallelReturnKind.TaskOfT or ParallelReturnKind.ValueTaskOfT
            && result is not null
            && !method.ReturnsByRef
            && !method.ReturnsByRefReadonly
            && TypeProblem(result) is null
            && classifier.Classify(result, out ParallelMarshalProblem? resultProblem) is null
            && resultProblem is not null)
        {
            yield return (null, "return value", resultProblem);
        }
    }

    /// <summary>FL3006: names the generator would add to the containing type that the user already declared.</summary>
    public static IEnumerable<string> GeneratedNameCollisions(IMethodSymbol method, bool isWorkerInitializer)
    {
        IEnumerable<string> names = isWorkerInitializer
            ? new[] { ParallelAttributeNames.GeneratedNestedType }
            : ParallelAttributeNames.GeneratedMemberNames(method.Name).Concat(new[] { ParallelAttributeNames.GeneratedNestedType });
        foreach (string name in names)
        {
            if (method.ContainingType.GetMembers(name).Any(IsDeclaredByUser))
            {
                yield return name;
            }
        }
    }

    /// <summary>
    /// FL3006 between overloads: the other <c>[Parallel]</c> methods named like <paramref name="method"/> whose generated
    /// members would have the same parameter types as its own (for example when the two differ only in a
    /// <c>CancellationToken</c>, which every generated member takes anyway), with the first such member's name.
    /// </summary>
    public static IEnumerable<(IMethodSymbol Other, string Member)> GeneratedOverloadClashes(IMethodSymbol method)
    {
        foreach (ISymbol member in method.ContainingType.GetMembers(method.Name))
        {
            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } other
                || SymbolEqualityComparer.Default.Equals(other.OriginalDefinition, method.OriginalDefinition)
                || !other.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ParallelAttributeNames.ParallelAttribute))
            {
                continue;
            }

            if (SameTypes(InvokeParameterTypes(method), InvokeParameterTypes(other)))
            {
                yield return (other, ParallelAttributeNames.InvokeName(method.Name));
            }
            else if (MapParameterTypes(method) is { } mine && MapParameterTypes(other) is { } theirs && SameTypes(mine, theirs))
            {
                yield return (other, ParallelAttributeNames.MapName(method.Name));
            }
        }
    }

    // The single call (<Name>Async) takes the parameters in order, without the CancellationToken (it adds its own).
    private static List<ITypeSymbol> InvokeParameterTypes(IMethodSymbol method)
        => method.Parameters.Where(p => RoleOf(p) != ParallelParameterRole.CancellationToken).Select(p => p.Type).ToList();

    // <Name>MapAsync and <Name>UnorderedAsync take an IEnumerable of the marshalled parameters (the one value, or a tuple
    // of several, so a single tuple parameter matches several plain ones) and the IProgress<T>, if any; they are not
    // generated for a method without marshalled parameters (null). The list is the progress type (or the method's
    // containing type as a stand-in for "none") followed by the sequence's element type, or the tuple's element types.
    private static List<ITypeSymbol>? MapParameterTypes(IMethodSymbol method)
    {
        var marshalled = method.Parameters.Where(p => RoleOf(p) == ParallelParameterRole.Marshalled).Select(p => p.Type).ToList();
        if (marshalled.Count == 0)
        {
            return null;
        }

        var types = new List<ITypeSymbol> { method.Parameters.FirstOrDefault(p => RoleOf(p) == ParallelParameterRole.Progress)?.Type ?? method.ContainingType };
        if (marshalled.Count == 1 && marshalled[0] is INamedTypeSymbol { IsTupleType: true } tuple && tuple.TupleElements.Length > 1)
        {
            types.AddRange(tuple.TupleElements.Select(e => e.Type));
        }
        else if (marshalled.Count == 1)
        {
            types.Add(marshalled[0]);
        }
        else
        {
            types.AddRange(marshalled);
        }

        return types;
    }

    private static bool SameTypes(List<ITypeSymbol> first, List<ITypeSymbol> second)
        => first.Count == second.Count && first.Zip(second, SameType).All(same => same);

    // Signature identity as the CLR sees it: tuple element names and nullable reference annotations do not count.
    private static bool SameType(ITypeSymbol first, ITypeSymbol second) => (first, second) switch
    {
        (IArrayTypeSymbol a, IArrayTypeSymbol b) => a.Rank == b.Rank && SameType(a.ElementType, b.ElementType),
        (INamedTypeSymbol { IsGenericType: true } a, INamedTypeSymbol { IsGenericType: true } b)
            => SymbolEqualityComparer.Default.Equals(a.OriginalDefinition, b.OriginalDefinition)
                && a.TypeArguments.Zip(b.TypeArguments, SameType).All(same => same),
        _ => SymbolEqualityComparer.Default.Equals(first, second),
    };

    /// <summary>Whether the generator would skip <paramref name="method"/>: any of FL3001–FL3004 or FL3006 applies.</summary>
    public static bool IsValid(IMethodSymbol method, Compilation compilation, ParallelMarshalClassifier classifier, bool isWorkerInitializer, CancellationToken cancellationToken)
        => ShapeProblem(method, compilation, isWorkerInitializer) is null
            && !NonPartialContainingTypes(method, cancellationToken).Any()
            && !ByRefProblems(method).Any()
            && (isWorkerInitializer || !MarshalProblems(method, classifier).Any())
            && !GeneratedNameCollisions(method, isWorkerInitializer).Any()
            && (isWorkerInitializer || !GeneratedOverloadClashes(method).Any());

    // The analyzers see the generator's output in the same compilation; members from our hint names are not collisions.
    private static bool IsDeclaredByUser(ISymbol member)
        => member.DeclaringSyntaxReferences.Any(r => !r.SyntaxTree.FilePath.EndsWith(ParallelAttributeNames.HintNameSuffix, StringComparison.Ordinal))
            || member.DeclaringSyntaxReferences.Length == 0;
}
