// One loader for every page: the residents' pages use it too (src/services).
export { useCloudData, type CloudData } from '../../../services/use-cloud-data'
