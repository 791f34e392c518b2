import numpy

print("sum:", int(numpy.arange(10).sum()))
