"""Science sample rows (Llama-Nemotron post-training `science` shape). Written for this project.

Each item: question (with options), ref (letter / short numeric / None), think, final, expect, note, wrap.
"""

from __future__ import annotations

ITEMS: list[dict] = []
L = "ABCDEFGHIJ"


def mcq(stem, options, ref, think, final, expect="kept", note="", wrap=None):
    q = stem.strip() + "\n\n" + "\n".join(f"{L[i]}) {o}" for i, o in enumerate(options))
    ITEMS.append(dict(question=q, ref=ref, think=think.strip(), final=final.strip(), expect=expect, note=note, wrap=wrap))


def short(q, ref, think, final, expect="kept", note="", wrap=None):
    ITEMS.append(dict(question=q.strip(), ref=ref, think=think.strip(), final=final.strip(), expect=expect, note=note, wrap=wrap))


mcq("A ball is dropped from rest and falls freely near Earth's surface. Neglecting air resistance, how far does it fall during the first 2.0 s? (Take g = 9.8 m/s^2.)",
    ["9.8 m", "19.6 m", "39.2 m", "4.9 m"], "B", r"""
Okay, free fall from rest: d = (1/2) g t^2. With t = 2.0 s, t^2 = 4.0, so d = 0.5 × 9.8 × 4.0 = 19.6 m.

Let me double-check that I'm not confusing it with velocity: v = g t = 19.6 m/s after 2 s. Hmm, that's the same number, coincidentally, because (1/2)·t = 1 s for t = 2 s. The distance is 19.6 m. Option A (9.8 m) would be the answer for... no, after 1 s it's 4.9 m, which is option D. So the distance in 2 s is B.
""", "The ball falls d = ½gt² = ½(9.8)(2.0)² = 19.6 m.\n\nThe answer is (B).")

mcq("Which organelle is the primary site of ATP synthesis by oxidative phosphorylation in eukaryotic cells?",
    ["Golgi apparatus", "Ribosome", "Mitochondrion", "Lysosome", "Smooth endoplasmic reticulum"], "C", r"""
Okay, oxidative phosphorylation happens on the inner mitochondrial membrane: the electron transport chain pumps protons into the intermembrane space and ATP synthase uses the gradient. Golgi is for packaging, ribosomes make proteins, lysosomes digest, smooth ER does lipid synthesis. So mitochondrion, option C.
""", r"\boxed{C}")

mcq("What is the pH of a 0.010 M aqueous solution of HCl at 25 °C?",
    ["1", "2", "7", "12"], "B", r"""
Okay, HCl is a strong acid, fully dissociated, so [H+] = 0.010 M = 10^-2 M. pH = -log10(10^-2) = 2.

Wait, should I worry about water autoionization? No, 10^-7 is negligible compared to 10^-2. So pH = 2, option B.
""", "**Answer: B**")

mcq("In pea plants, tall (T) is dominant over short (t). Two heterozygous tall plants (Tt × Tt) are crossed. What fraction of the offspring is expected to be short?",
    ["0", "1/4", "1/2", "3/4"], "B", r"""
Okay, Punnett square for Tt × Tt: TT, Tt, tT, tt — each 1/4. Short requires tt, so 1/4.

Hmm, 3/4 would be the tall fraction. The question asks for short. So 1/4 → option B.
""", "Only the tt genotype is short, which occurs with probability 1/4.\n\nAnswer: B")

mcq("A 2.0 kg cart moving at 3.0 m/s collides with and sticks to a stationary 1.0 kg cart on a frictionless track. What is the speed of the pair right after the collision?",
    ["1.0 m/s", "1.5 m/s", "2.0 m/s", "3.0 m/s"], "C", r"""
Okay, perfectly inelastic collision, momentum conserved. Initial momentum = 2.0 × 3.0 = 6.0 kg·m/s. Final mass 3.0 kg. v = 6.0/3.0 = 2.0 m/s.

Kinetic energy is not conserved here (9 J before, 6 J after), but that's fine for a sticking collision. Answer C.
""", "Momentum conservation: (2.0)(3.0) = (3.0)v, so v = 2.0 m/s.\n\nThe answer is (C).")

mcq("Which of the following molecules has a trigonal pyramidal molecular geometry?",
    ["BF3", "CH4", "NH3", "CO2", "H2O", "SF6"], "C", r"""
Okay, let me go through them with VSEPR.

- BF3: 3 bonding pairs, no lone pairs on B → trigonal planar.
- CH4: 4 bonding pairs → tetrahedral.
- NH3: 3 bonding pairs + 1 lone pair on N → electron geometry tetrahedral, molecular geometry trigonal pyramidal. ✓
- CO2: linear.
- H2O: 2 bonding + 2 lone pairs → bent.
- SF6: octahedral.

So NH3, option C.
""", r"NH$_3$ has three bonding pairs and one lone pair, giving a trigonal pyramidal shape. \boxed{C}")

mcq("The resistance of a copper wire is R. The wire is stretched uniformly so that its length doubles while its volume stays the same. What is its new resistance?",
    ["R/2", "R", "2R", "4R"], "D", r"""
Okay, R = ρL/A. Volume constant: L·A = const, so doubling L halves A. New R' = ρ(2L)/(A/2) = 4ρL/A = 4R.

Wait, let me make sure I'm not forgetting something — resistivity stays the same (same material, temperature). So 4R, option D.
""", "**Answer: D**")

mcq("Which process in the light-dependent reactions of photosynthesis releases O2?",
    ["Carbon fixation by RuBisCO", "Photolysis of water at photosystem II", "Reduction of NADP+ at photosystem I", "Regeneration of RuBP", "Glycolysis in the stroma"], "B", r"""
Okay, the oxygen in photosynthesis comes from water. The oxygen-evolving complex associated with photosystem II splits water: 2H2O → 4H+ + 4e- + O2. Carbon fixation and RuBP regeneration are Calvin cycle steps, NADP+ reduction doesn't make O2, and glycolysis isn't part of photosynthesis at all. So B.
""", "The answer is (B).")

mcq("An ideal gas at constant pressure is heated from 300 K to 450 K. By what factor does its volume change?",
    ["0.67", "1.5", "2.25", "3.0"], "B", r"""
Okay, Charles's law: V/T constant at fixed pressure and amount. V2/V1 = T2/T1 = 450/300 = 1.5.

Temperatures are already in kelvin, good — if they were Celsius I'd have to convert. Answer B.
""", r"\boxed{B}")

mcq("Which type of bond holds the two strands of a DNA double helix together?",
    ["Covalent phosphodiester bonds", "Ionic bonds", "Hydrogen bonds between complementary bases", "Peptide bonds", "Disulfide bridges"], "C", r"""
Okay, the backbone within each strand is phosphodiester (covalent). Between the strands, bases pair A–T with 2 hydrogen bonds and G–C with 3. Stacking interactions also stabilize, but the listed answer is hydrogen bonds. Peptide bonds are in proteins, disulfide bridges in proteins too. C.
""", "Answer: C")

mcq("Light travels from air into glass with refractive index 1.5. What is the speed of light in the glass? (c = 3.0 × 10^8 m/s)",
    ["4.5 × 10^8 m/s", "3.0 × 10^8 m/s", "2.0 × 10^8 m/s", "1.5 × 10^8 m/s"], "C", r"""
Okay, v = c/n = 3.0e8 / 1.5 = 2.0e8 m/s. Light slows down in a denser medium, so it must be below c — options A and B are out. C.
""", "v = c/n = 2.0 × 10^8 m/s. The answer is (C).")

mcq("How many moles of O2 are needed to completely burn 2 moles of methane (CH4 + 2O2 → CO2 + 2H2O)?",
    ["1", "2", "4", "8"], "C", r"""
Okay, the balanced equation says 2 mol O2 per 1 mol CH4. For 2 mol CH4: 4 mol O2.

Check the balance: C: 1 = 1. H: 4 = 2×2. O: 4 = 2 + 2. Balanced. So C.
""", "**Answer: C**")

mcq("Which blood vessels carry oxygenated blood from the lungs back to the heart?",
    ["Pulmonary arteries", "Pulmonary veins", "Venae cavae", "Coronary arteries"], "B", r"""
Okay, the tricky part is that arteries usually carry oxygenated blood, but in the pulmonary circuit it's reversed. Pulmonary arteries carry deoxygenated blood to the lungs; pulmonary veins return oxygenated blood to the left atrium. So B.
""", r"\boxed{B}")

mcq("A sound wave has frequency 440 Hz and travels at 343 m/s in air. What is its wavelength, approximately?",
    ["0.78 m", "1.28 m", "151 m", "0.0013 m"], "A", r"""
Okay, λ = v/f = 343/440. 343/440 ≈ 0.78 m. Let me compute: 440 × 0.78 = 343.2. Yes ≈ 0.78 m. Option A.
""", "λ = v/f ≈ 0.78 m.\n\nThe answer is (A).")

mcq("Which of the following elements has the highest first ionization energy?",
    ["Sodium", "Magnesium", "Chlorine", "Argon", "Potassium", "Calcium", "Sulfur", "Phosphorus"], "D", r"""
Okay, ionization energy increases across a period and decreases down a group. Noble gases have the highest values in their period. Argon is in period 3 at the far right, so higher than Cl, S, P, Mg, Na, and certainly higher than K and Ca in period 4. So Argon, option D.
""", "Answer: D")

mcq("During which phase of mitosis do sister chromatids separate and move to opposite poles?",
    ["Prophase", "Metaphase", "Anaphase", "Telophase"], "C", r"""
Okay, prophase: chromosomes condense. Metaphase: line up at the plate. Anaphase: cohesin is cleaved and sister chromatids separate toward the poles. Telophase: nuclear envelopes re-form. So anaphase, C.
""", r"\boxed{C}")

mcq("A 60 W light bulb operates at 120 V. What current does it draw?",
    ["0.25 A", "0.5 A", "2 A", "7200 A"], "B", r"""
Okay, P = IV, so I = P/V = 60/120 = 0.5 A. Option B.
""", "I = P/V = 0.5 A. **Answer: B**")

mcq("Which statement about catalysts is correct?",
    ["They shift the equilibrium toward products", "They lower the activation energy of a reaction", "They are consumed in the reaction", "They increase the enthalpy change of the reaction"], "B", r"""
Okay, a catalyst provides an alternative pathway with lower activation energy. It speeds up both forward and reverse reactions equally, so it doesn't shift equilibrium. It is not consumed overall. It doesn't change ΔH. So B.
""", "The answer is (B).")

mcq("Which of the following is an example of a prokaryotic organism?",
    ["Saccharomyces cerevisiae", "Escherichia coli", "Amoeba proteus", "Chlamydomonas reinhardtii"], "B", r"""
Okay, S. cerevisiae is baker's yeast, a eukaryotic fungus. Amoeba is a eukaryotic protist. Chlamydomonas is a eukaryotic green alga. E. coli is a bacterium — prokaryote. B.
""", "Answer: B")

mcq("A satellite moves in a circular orbit. If the orbital radius were increased, what would happen to its orbital speed?",
    ["It would increase", "It would decrease", "It would stay the same", "It would become zero"], "B", r"""
Okay, for a circular orbit, GMm/r^2 = mv^2/r → v = sqrt(GM/r). Larger r → smaller v. So it decreases, B.
""", r"\boxed{B}")

# ---------------- numeric short-answer with reference
short("A car accelerates uniformly from rest to 20 m/s in 5.0 s. What is its acceleration?", "4", r"""
Okay, a = Δv/Δt = (20 - 0)/5.0 = 4.0 m/s^2. Let me double check: after 5 s at 4 m/s^2 the speed is 20 m/s. Yes.
""", r"The acceleration is $\boxed{4.0\ \text{m/s}^2}$.")

short("How many grams of NaCl (molar mass 58.5 g/mol) are needed to prepare 500 mL of a 0.20 M solution?", "5.85", r"""
Okay, moles = M × V = 0.20 mol/L × 0.500 L = 0.10 mol. Mass = 0.10 × 58.5 = 5.85 g.

Hmm, make sure I converted mL to L: 500 mL = 0.500 L. Yes. So 5.85 g.
""", r"$\boxed{5.85\ \text{g}}$")

short("A 10 Ω resistor and a 15 Ω resistor are connected in parallel. What is their equivalent resistance in ohms?", "6", r"""
Okay, 1/R = 1/10 + 1/15 = 3/30 + 2/30 = 5/30 = 1/6. So R = 6 Ω. Product over sum: 150/25 = 6. Same.
""", r"The equivalent resistance is $\boxed{6\ \Omega}$.")

# ---------------- free-form, no reference (unverified)
short("Explain why ice floats on liquid water.", None, r"""
Okay, this is about density. Ice is less dense than liquid water. Why? In ice, water molecules form a hexagonal lattice held by hydrogen bonds, each molecule bonded to four neighbours in a tetrahedral arrangement. This open structure takes up more space than liquid water, where hydrogen bonds constantly break and re-form and molecules can pack more closely. So ice has density about 0.92 g/cm^3 versus about 1.00 g/cm^3 for liquid water near 0 °C. By Archimedes' principle, an object less dense than the fluid floats.
""", "Ice floats because its hydrogen-bonded crystal lattice is more open than the arrangement of molecules in liquid water, so ice is about 8% less dense (≈0.92 vs ≈1.00 g/cm³). By Archimedes' principle, a solid less dense than the liquid it is placed in floats.", note="unverified")

short("Describe the role of the enzyme helicase in DNA replication.", None, r"""
Okay, helicase unwinds the double helix at the replication fork. It uses ATP hydrolysis to break the hydrogen bonds between complementary bases, separating the two strands so each can serve as a template. Single-strand binding proteins then keep the strands apart, and topoisomerase relieves the supercoiling that builds up ahead of the fork.
""", "Helicase unwinds the DNA double helix at the replication fork, using energy from ATP hydrolysis to break the hydrogen bonds between base pairs. This exposes the two single strands to serve as templates for DNA polymerase; single-strand binding proteins and topoisomerase assist by stabilizing the strands and relieving supercoiling.", note="unverified")

short("Why does a metal spoon feel colder than a wooden spoon at the same room temperature?", None, r"""
Okay, both are at the same temperature, so the difference is in how fast they conduct heat away from the hand. Metals have high thermal conductivity (free electrons carry energy), so heat flows quickly from the skin into the metal and the skin surface cools; wood is a poor conductor, so the skin temperature barely changes. Our touch senses heat flow rate, not temperature directly.
""", "Both spoons are at room temperature, but metal conducts heat much faster than wood. When you touch the metal, heat flows rapidly from your skin into it, so your skin cools and it feels cold; wood conducts heat poorly, so your skin stays warm. The sensation reflects the rate of heat transfer, not the object's temperature.", note="unverified")

short("What is the difference between an exothermic and an endothermic reaction? Give one example of each.", None, r"""
Okay, exothermic releases heat to the surroundings (ΔH < 0), endothermic absorbs heat (ΔH > 0). Examples: combustion of methane is exothermic; dissolving ammonium nitrate in water is endothermic (cold packs). Photosynthesis is also endothermic overall.
""", "An exothermic reaction releases heat to its surroundings (ΔH < 0), e.g. the combustion of methane. An endothermic reaction absorbs heat (ΔH > 0), e.g. dissolving ammonium nitrate in water, which is used in instant cold packs.", note="unverified")

short("Briefly explain how natural selection can lead to antibiotic resistance in a bacterial population.", None, r"""
Okay, variation exists in the population — some bacteria carry mutations or plasmid genes that make them less susceptible. When the antibiotic is applied, susceptible cells die and resistant ones survive and reproduce. Over generations, the resistance allele frequency increases. Horizontal gene transfer can spread resistance genes too.
""", "Random mutations (or acquired plasmid genes) make a few bacteria less susceptible to an antibiotic. When the drug is used, susceptible cells are killed while resistant ones survive and divide, so over successive generations the resistant variant becomes common. Horizontal gene transfer can spread the resistance genes further.", note="unverified")

short("Why is the sky blue during the day?", None, r"""
Okay, Rayleigh scattering. Air molecules are much smaller than the wavelength of visible light, and the scattering intensity goes as 1/λ^4, so short wavelengths (blue) scatter much more than red. Looking away from the Sun, we see this scattered light, dominated by blue. Violet scatters even more but the Sun emits less violet and our eyes are less sensitive to it.
""", "Sunlight is scattered by air molecules much smaller than its wavelength (Rayleigh scattering), with intensity proportional to 1/λ⁴. Blue light is therefore scattered far more than red, and the scattered light reaching our eyes from all directions of the sky looks blue (violet is scattered even more, but sunlight contains less of it and our eyes are less sensitive to it).", note="unverified")

# ---------------- wrong answers (chosen option != reference)
mcq("What is the SI unit of electric charge?",
    ["Ampere", "Coulomb", "Volt", "Ohm"], "B", r"""
Okay, charge... current is measured in amperes, and charge is current times time. Hmm, the ampere is the base SI unit, so I'd say the unit of charge is the ampere.
""", "The answer is (A).", expect="wrong_answer", note="picks ampere instead of coulomb")

mcq("Which gas makes up the largest fraction of Earth's atmosphere by volume?",
    ["Oxygen", "Carbon dioxide", "Nitrogen", "Argon"], "C", r"""
Okay, we breathe oxygen, and it's essential... it's about 21%. I think oxygen is the most abundant.
""", r"\boxed{A}", expect="wrong_answer", note="oxygen instead of nitrogen")

mcq("In which part of the cell does glycolysis take place?",
    ["Mitochondrial matrix", "Cytoplasm (cytosol)", "Nucleus", "Chloroplast stroma"], "B", r"""
Okay, cellular respiration happens in mitochondria, so glycolysis, which is the first step of respiration, should be in the mitochondrial matrix.
""", "**Answer: A**", expect="wrong_answer", note="places glycolysis in the mitochondrion")

# ---------------- R1 format defects
mcq("What is the atomic number of carbon?",
    ["4", "6", "12", "14"], "B", r"""
Okay, carbon has 6 protons, so its atomic number is 6. 12 is the mass number of the common isotope.
""", "The answer is (B).", expect="multiple_think_blocks", note="two <think> blocks", wrap="double")

mcq("Which planet in the Solar System has the largest mass?",
    ["Saturn", "Earth", "Jupiter", "Neptune"], "C", "", "Jupiter is by far the most massive planet, more than twice the mass of all the other planets combined.\n\nThe answer is (C).",
    expect="empty_reasoning", note="<think>\\n\\n</think> with no reasoning", wrap="empty")
