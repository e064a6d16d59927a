using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using Forklift.Dispatch;

namespace Forklift.Orleans.Protocol;

/// <summary>
/// What caller and node must agree on for an assembly's calls to cross exactly: the assembly's build (its MVID, which a
/// deterministic build derives from its content, so it changes with any change to the code or its codecs) and the ids
/// and codec types of its registered <c>[Parallel]</c> methods.
/// </summary>
/// <remarks>Checked per assembly, on demand: a caller asks each node about the assemblies of the methods it calls (and
/// Forklift's own, whose wire formats both ends use), and a node that differs in any of them is refused.</remarks>
internal class BuildFingerprint
{
    /// <summary>The fingerprint of the loaded assembly named <paramref name="assemblyName"/>, loading it (and running its
    /// module initializer, which registers its methods) if needed; <see langword="null"/> if it cannot be loaded.</summary>
    public virtual string? Of(string assemblyName)
    {
        Assembly? assembly = Find(assemblyName);
        if (assembly is null)
        {
            return null;
        }

        var text = new StringBuilder();
        text.Append(assembly.GetName().Name).Append('|').Append(assembly.ManifestModule.ModuleVersionId.ToString("N"));
        var lines = new List<string>();
        foreach (ParallelMethod method in ParallelMethodRegistry.RegisteredMethods)
        {
            if (method.DeclaringType.Assembly == assembly)
            {
                lines.Add(Describe(method));
            }
        }

        lines.Sort(StringComparer.Ordinal);
        foreach (string line in lines)
        {
            text.Append('\n').Append(line);
        }

        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return $"{assembly.GetName().Name} {assembly.GetName().Version} mvid {assembly.ManifestModule.ModuleVersionId:N} methods {lines.Count} hash {Convert.ToHexString(hash, 0, 8)}";
    }

    internal static Assembly? Find(string assemblyName)
    {
        foreach (Assembly loaded in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (string.Equals(loaded.GetName().Name, assemblyName, StringComparison.Ordinal))
            {
                RuntimeHelpers.RunModuleConstructor(loaded.ManifestModule.ModuleHandle);
                return loaded;
            }
        }

        try
        {
            Assembly assembly = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(assemblyName));

            // Runs the generated [ModuleInitializer] (at most once per process), which fills ParallelMethodRegistry.
            RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
            return assembly;
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }

    private static string Describe(ParallelMethod method)
    {
        // The codecs are generated types; their names change when a method's parameter or result types change.
        Type type = method.GetType();
        return type.IsGenericType
            ? $"{method.Id}|{string.Join(",", Array.ConvertAll(type.GetGenericArguments(), t => t.FullName))}"
            : method.Id;
    }
}
